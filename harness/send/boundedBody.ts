/** An answer's body kept up to `maxBytes`; the rest is never held. */
export interface BoundedBody {
  /** Keeps what fits of `chunk`; false once the body is longer than `maxBytes`. */
  add(chunk: Buffer): boolean;
  /** The bytes kept. */
  bytes(): Buffer;
}

export function boundedBody(maxBytes: number): BoundedBody {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    add(chunk) {
      const room = maxBytes - size;
      size += chunk.length;
      if (chunk.length <= room) {
        chunks.push(chunk);
        return true;
      }
      if (room > 0) chunks.push(chunk.subarray(0, room));
      return false;
    },
    bytes: () => Buffer.concat(chunks),
  };
}
