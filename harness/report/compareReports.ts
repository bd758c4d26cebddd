import { outcomeLabel } from './labels';
import { callId, type ReportDoc, type ReportResult } from './reportData';

/** A call in both runs whose status or outcome changed. */
export interface ChangedCall {
  id: string;
  before: ReportResult;
  after: ReportResult;
  what: string[];
}

/** What changed from a previous run to this one. */
export interface Comparison {
  previous: { environment?: string; startedAt: string };
  changed: ChangedCall[];
  /** Calls only in this run, and only in the previous one. */
  added: ReportResult[];
  removed: ReportResult[];
  unchanged: number;
}

/**
 * Compares two runs call by call (matched by `<scenario> › <name>`): calls whose status or outcome
 * (kind, refusing layer, HTTP status) changed, calls new in this run and calls no longer run.
 */
export function compareReports(previous: ReportDoc, current: ReportDoc): Comparison {
  const before = new Map(previous.results.map((r) => [callId(r), r]));
  const ids = new Set(current.results.map(callId));
  const changed: ChangedCall[] = [];
  const added: ReportResult[] = [];
  let unchanged = 0;
  for (const after of current.results) {
    const id = callId(after);
    const old = before.get(id);
    if (!old) {
      added.push(after);
      continue;
    }
    const what: string[] = [];
    if (old.status !== after.status) what.push(`status ${old.status} → ${after.status}`);
    const [was, now] = [outcomeLabel(old.observed), outcomeLabel(after.observed)];
    if (was !== now) what.push(`outcome ${was} → ${now}`);
    if (what.length > 0) changed.push({ id, before: old, after, what });
    else unchanged++;
  }
  const removed = previous.results.filter((r) => !ids.has(callId(r)));
  const { environment, startedAt } = previous;
  return { previous: { environment, startedAt }, changed, added, removed, unchanged };
}
