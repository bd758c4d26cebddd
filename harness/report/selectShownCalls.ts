import { UserError } from '../errors';
import type { ReportResult } from './reportData';

/** Passed calls a page gives a row, a chip and data, by default: the others are counted, not shown. */
export const DEFAULT_MAX_PASSED = 1000;

/**
 * Whether a call is shown whatever the limit: it failed, was flaky, its outcome differs from check's
 * prediction (or from the world as code), or it changed since the previous run.
 */
export function isAlwaysShown(r: ReportResult, changed: boolean): boolean {
  return r.status !== 'passed' || r.matchesPrediction === false || r.model?.agrees === false || changed;
}

/**
 * Which calls of a reading, in run order, a page shows: every call `isAlwaysShown`, and the first
 * `maxPassed` of the others. Call it afresh for each reading of the calls: the same calls, in the
 * same order, are shown each time.
 */
export function selectShownCalls(maxPassed: number): (r: ReportResult, changed: boolean) => boolean {
  let passedShown = 0;
  return (r, changed) => {
    if (isAlwaysShown(r, changed)) return true;
    if (passedShown >= maxPassed) return false;
    passedShown++;
    return true;
  };
}

/** `maxPassed` from a command line: a whole number from 0; anything else is a usage mistake naming the option. */
export function parseMaxPassed(text: string, option = '--html-max-passed'): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) {
    throw new UserError('USAGE', `${option} must be a whole number from 0 (passed calls the page shows), got ${text}`);
  }
  return n;
}
