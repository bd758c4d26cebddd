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
