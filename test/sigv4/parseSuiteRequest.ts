/** A request as written in the suite's files: `METHOD target HTTP/1.1`, `Name:value` lines, a blank line, the body. */
export interface SuiteRequest {
  requestLine: string;
  method: string;
  /** As written; may hold a raw space or raw UTF-8 (the signer saw it that way). */
  target: string;
  /**
   * Flat [name, value, ...] like Node's rawHeaders: values stripped of surrounding spaces and tabs as an HTTP
   * parser does; a folded continuation line is kept after a '\n'.
   */
  rawHeaders: string[];
  /** The header lines as written, for sending. */
  headLines: string[];
  body: Buffer;
}

/**
 * Parses a suite request file. The files use '\n' line ends; some end right after the last
 * header, with no blank line. With Content-Length the body is that many bytes (a trailing newline
 * in the file is not part of it); without, it is the rest of the file.
 */
export function parseSuiteRequest(file: Buffer): SuiteRequest {
  const split = file.indexOf('\n\n');
  const head = (split < 0 ? file : file.subarray(0, split)).toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
  const rest = split < 0 ? Buffer.alloc(0) : file.subarray(split + 2);
  const [requestLine = '', ...headLines] = head.split('\n');
  const firstSpace = requestLine.indexOf(' ');
  const versionAt = requestLine.lastIndexOf(' HTTP/');
  const rawHeaders: string[] = [];
  for (const line of headLines) {
    if (/^[ \t]/.test(line) && rawHeaders.length > 0) {
      rawHeaders[rawHeaders.length - 1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    rawHeaders.push(line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, ''));
  }
  const lengthAt = rawHeaders.findIndex((value, i) => i % 2 === 0 && value.toLowerCase() === 'content-length');
  const body = lengthAt >= 0 ? rest.subarray(0, Number(rawHeaders[lengthAt + 1])) : rest;
  return {
    requestLine,
    method: requestLine.slice(0, firstSpace),
    target: requestLine.slice(firstSpace + 1, versionAt),
    rawHeaders,
    headLines,
    body: Buffer.from(body),
  };
}

/**
 * The bytes to put on a socket: the request line and header lines as written, CRLF line ends,
 * then the body. A body without Content-Length gets one (an unsigned framing header: without it
 * the server could not tell where the request ends).
 */
export function toWireBytes(request: SuiteRequest): Buffer {
  const lines = [request.requestLine, ...request.headLines];
  const framed = request.rawHeaders.some(
    (value, i) => i % 2 === 0 && /^(content-length|transfer-encoding)$/i.test(value),
  );
  if (request.body.length > 0 && !framed) lines.push(`Content-Length: ${request.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), request.body]);
}
