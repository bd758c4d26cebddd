import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A report file written piece by piece as a reporter renders it, in place once the run ends. */
export interface ReportFileSink {
  file: string;
  write(text: string): void;
  /** Puts the file in place; throws the first error met while writing (the file then is not written). */
  finish(): void;
}

/**
 * Writes a report to a temporary file beside `file` as its text comes (so that a report of many
 * calls is never one string in memory), then renames it to `file`: the report appears whole, once,
 * when the run ends, as if written in one go. The folder is created on the first write; an error
 * (a folder that cannot be made, a full disk) is kept and thrown by `finish`.
 */
export function createReportFileSink(file: string): ReportFileSink {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let fd: number | undefined;
  let failure: unknown;
  const open = () => {
    mkdirSync(dirname(file), { recursive: true });
    return openSync(temporary, 'w');
  };
  const discard = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(temporary, { force: true });
  };
  return {
    file,
    write(text) {
      if (failure !== undefined || text === '') return;
      try {
        fd ??= open();
        writeSync(fd, text);
      } catch (error) {
        failure = error;
        try {
          discard();
        } catch {
          // The error that stopped the writing is the one to report.
        }
      }
    },
    finish() {
      if (failure !== undefined) throw failure;
      try {
        fd ??= open();
        closeSync(fd);
        fd = undefined;
        renameSync(temporary, file);
      } catch (error) {
        discard();
        throw error;
      }
    },
  };
}
