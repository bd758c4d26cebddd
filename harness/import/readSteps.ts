import type { DeployedReadError } from './types';

/** A read that failed, with the operation it failed in and the SDK error's name and message (never a credential). */
export class ReadFailure extends Error {
  constructor(
    readonly operation: string,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs one call (or a whole listing); any failure becomes a ReadFailure naming `operation`. */
export async function step<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReadFailure) throw error;
    const e = (error ?? {}) as { name?: string; code?: string; message?: string };
    const name = (!e.name || e.name === 'Error') && e.code ? e.code : (e.name ?? 'Error');
    throw new ReadFailure(operation, name, e.message ?? String(error));
  }
}

/** A ReadFailure as the reading's record of what it was about; anything else is rethrown. */
export const failure = (kind: DeployedReadError['kind'], id: string, error: unknown): DeployedReadError => {
  if (!(error instanceof ReadFailure)) throw error;
  return { kind, id, operation: error.operation, name: error.errorName, message: error.message };
};

export async function collect<P, T>(
  operation: string,
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  return step(operation, async () => {
    const out: T[] = [];
    for await (const page of pages) out.push(...(items(page) ?? []));
    return out;
  });
}

/** A policy document as JSON (GetAuthPolicy's text) or URL-encoded JSON (IAM's documents). */
export function parseDocument(text: string | undefined, urlEncoded: boolean, operation: string): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(urlEncoded ? decodeURIComponent(text) : text);
  } catch (error) {
    throw new ReadFailure(
      operation,
      'InvalidPolicyDocument',
      `the policy document is not JSON: ${(error as Error).message}`,
    );
  }
}
