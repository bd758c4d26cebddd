import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../resolve/types';
import type { CallResult } from '../run/runCall';
import type { ResultStore, RunResults } from '../run/runPlan';

/** A run's results kept in a temporary file: in memory, only where each one is. */
export interface ResultLog extends ResultStore {
  /** Takes no more results (a call still in flight when the run stopped lands after its end). */
  seal(): void;
  /** Removes the temporary file; the results cannot be read after. */
  dispose(): void;
}

/** Pending text is written once it reaches this many bytes (fewer, larger writes). */
const FLUSH_BYTES = 256 * 1024;

/**
 * Keeps each result as a line of JSON in a temporary file (its call left out: the plan holds it)
 * and, in memory, only its place in the file: a run of 100,000 calls holds 12 bytes per call
 * rather than every result. `results` reads them back in plan order, as often as asked (each
 * reporter reads them when the run ends). The file is private to the user (0600 in a 0700
 * folder) and removed by `dispose`.
 */
export function createResultLog(plan: Plan): ResultLog {
  const calls = plan.calls;
  const offsets = new Float64Array(calls.length);
  const lengths = new Uint32Array(calls.length);
  let dir: string | undefined;
  let fd: number | undefined;
  let written = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let count = 0;
  let sealed = false;
  let disposed = false;
  const flush = () => {
    if (pendingBytes === 0) return;
    if (fd === undefined) {
      dir = mkdtempSync(join(tmpdir(), 'lattice-e2e-results-'));
      fd = openSync(join(dir, 'results.jsonl'), 'w+', 0o600);
    }
    const chunk = Buffer.concat(pending, pendingBytes);
    for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done, written + done);
    written += chunk.length;
    pending = [];
    pendingBytes = 0;
  };
  let buffer = Buffer.alloc(64 * 1024);
  const read = (index: number): CallResult => {
    const length = lengths[index];
    if (buffer.length < length) buffer = Buffer.alloc(Math.max(length, buffer.length * 2));
    for (let done = 0; done < length; ) {
      const got = readSync(fd!, buffer, done, length - done, offsets[index] + done);
      if (got === 0) throw new Error("the run's results file ended early");
      done += got;
    }
    return { call: calls[index], ...(JSON.parse(buffer.toString('utf8', 0, length)) as Omit<CallResult, 'call'>) };
  };
  const results: RunResults = {
    get length() {
      return count;
    },
    *[Symbol.iterator]() {
      if (disposed) throw new Error("the run's results were read after they were disposed of");
      flush();
      for (let index = 0; index < calls.length; index++) if (lengths[index] > 0) yield read(index);
    },
  };
  return {
    results,
    add(index, result) {
      if (sealed || disposed || lengths[index] > 0) return;
      const { call: _call, ...rest } = result;
      // JSON keeps every string exactly (a lone surrogate travels as a `\u` escape) and drops undefined fields.
      const bytes = Buffer.from(`${JSON.stringify(rest)}\n`);
      offsets[index] = written + pendingBytes;
      lengths[index] = bytes.length;
      pending.push(bytes);
      pendingBytes += bytes.length;
      count++;
      if (pendingBytes >= FLUSH_BYTES) flush();
    },
    seal() {
      sealed = true;
    },
    dispose() {
      disposed = true;
      pending = [];
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
