import { describe, expect, it } from 'vitest';
import { queryErrorReply } from '../../emulator/http/queryProtocol';
import { StsError } from '../../emulator/sts/stsXml';

describe('QueryError: an answer thrown, without a stack', () => {
  it('records no stack frame and leaves stack capture as it was for every other error', () => {
    const before = Error.stackTraceLimit;
    const error = new StsError(400, 'ValidationError', 'Request body too large');
    expect(error.stack).toBe('Error: Request body too large');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('other').stack).toMatch(/\n\s+at /);
  });

  it('keeps its fields and the XML answer STS gives', () => {
    const error = new StsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    expect(error).toBeInstanceOf(Error);
    expect([error.status, error.code, error.type]).toEqual([403, 'InvalidClientTokenId', 'Sender']);
    const answer = queryErrorReply('https://sts.amazonaws.com/doc/2011-06-15/', error);
    expect(answer.status).toBe(403);
    expect(String(answer.body)).toContain('<Code>InvalidClientTokenId</Code>');
    expect(String(answer.body)).toContain('<Message>The security token included in the request is invalid.</Message>');
  });
});
