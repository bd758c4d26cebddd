import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../errors';

const cannot = (file: string, error: unknown) =>
  new UserError(
    'REPORT_UNWRITABLE',
    `${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
  );

/** Writes a report file, creating its folder; a failure is a UserError naming the file. */
export async function writeReportFile(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw cannot(file, error);
  }
}

/** Appends to a report file (a step summary). */
export async function appendReportFile(file: string, text: string): Promise<void> {
  try {
    await appendFile(file, text);
  } catch (error) {
    throw cannot(file, error);
  }
}
