import type { ServerErrorReplies } from '../http/serve';
import { IamError, iamErrorReply } from './iamXml';

/**
 * IAM's answers for what never reaches its handler (a body over the listener's limit, bytes that are not
 * HTTP, a handler that threw), in IAM's own ErrorResponse (its namespace), as the handler's own errors are.
 */
export function iamServerReplies(report: (error: unknown) => void): ServerErrorReplies {
  return {
    internal: (error) => {
      report(error);
      return iamErrorReply(new IamError(500, 'ServiceFailure', 'An internal error occurred', 'Receiver'));
    },
    tooLarge: () => iamErrorReply(new IamError(413, 'ValidationError', 'Request body too large')),
    malformed: (reason) => iamErrorReply(new IamError(400, 'MalformedInput', `Malformed request: ${reason}`)),
  };
}
