import type { Decision, Evaluation, StatementTrace } from './types';

/**
 * An evaluation whose per-statement trace is built when it is first read, so that a caller that
 * needs only the decision (the local world's data plane, per request) never pays for it.
 *
 * A class rather than an object literal with a `get statements()`: V8 (Node 20) builds such a
 * literal as a dictionary object, several times slower and larger than a class instance, and the
 * engine makes several per request. `toJSON` keeps what JSON shows of an evaluation: its decision
 * and its trace.
 */
export class LazyEvaluation implements Evaluation {
  #trace: (() => StatementTrace[]) | undefined;
  #statements: StatementTrace[] | undefined;

  constructor(
    readonly decision: Decision,
    trace: () => StatementTrace[],
  ) {
    this.#trace = trace;
  }

  get statements(): StatementTrace[] {
    if (this.#statements === undefined) {
      this.#statements = this.#trace!();
      this.#trace = undefined;
    }
    return this.#statements;
  }

  toJSON(): Evaluation {
    return { decision: this.decision, statements: this.statements };
  }
}
