import type { PolicyCoverage } from '../check/coverage';
import type { Explanation, Prediction } from '../check/types';
import type { Outcome } from '../classify/outcome';
import type { Expectation } from '../resolve/types';

/** One call of a JSON report (schemaVersion 1), as the HTML page reads it. */
export interface ReportResult {
  scenario: string;
  name: string;
  caller: string;
  service: string;
  request: { method: string; path: string };
  expected: Expectation;
  observed: Outcome;
  passed: boolean;
  status: 'passed' | 'failed' | 'flaky';
  attempts: number;
  retried: string[];
  consistentAfterMs?: number;
  reason?: string;
  durationMs: number;
  prediction?: Prediction;
  matchesPrediction?: boolean;
  explanation?: Explanation;
  /** Against an environment that mirrors a world: whether AWS answered as the world as code predicts. */
  model?: { agrees: boolean; predicted: string; reason?: string };
}

/** A JSON report (schemaVersion 1), as the scenario command's json reporter writes it. */
export interface ReportDoc {
  schemaVersion: 1;
  environment?: string;
  startedAt: string;
  durationMs: number;
  summary: { total: number; passed: number; failed: number; flaky: number };
  errors?: { message: string }[];
  planned?: number;
  results: ReportResult[];
  coverage?: PolicyCoverage;
}

/** A call's identity across runs: `<scenario> › <name>`, as plans name calls. */
export const callId = (r: Pick<ReportResult, 'scenario' | 'name'>) => `${r.scenario} › ${r.name}`;

/** A report but its results: its `results`, whatever they hold, only keep their place among the fields. */
export type ReportFrame = Omit<ReportDoc, 'results'> & { results: unknown };
