/** A gRPC method name as a request gives it: `package.Service/Method` (the package may be absent). */
export const GRPC_METHOD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\/[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A gRPC request body: one length-prefixed message (gRPC over HTTP/2, "Length-Prefixed-Message"),
 * not compressed: a 0 byte, the message length as 4 bytes big-endian, then the message bytes
 * (UTF-8 of `message`; none when absent).
 */
export function grpcFrame(message?: string): Uint8Array {
  const bytes = Buffer.from(message ?? '', 'utf8');
  const frame = Buffer.alloc(5 + bytes.length);
  frame.writeUInt8(0, 0);
  frame.writeUInt32BE(bytes.length, 1);
  bytes.copy(frame, 5);
  return frame;
}

/** The bytes a request sends: a gRPC request's framed message, else its body as text. */
export function requestBody(request: { grpc?: string; body?: string }): string | Uint8Array | undefined {
  return request.grpc !== undefined ? grpcFrame(request.body) : request.body;
}
