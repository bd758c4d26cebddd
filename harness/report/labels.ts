import type { Prediction } from '../check/types';
import type { Outcome } from '../classify/outcome';
import type { Expectation } from '../resolve/types';

/** A count as reports write it: `98,500`. */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/** A short label per outcome kind, for a matrix cell. Exhaustive. */
const OUTCOME_LABEL: { [K in Outcome['kind']]: (o: Extract<Outcome, { kind: K }>) => string } = {
  allowed: (o) => `allowed ${o.status}`,
  denied: (o) => `denied: ${o.layer}${o.explicit ? ' (explicit)' : ''}`,
  'signature-rejected': (o) => `signature rejected ${o.code}`,
  'http-error': (o) => `http error ${o.status}`,
  unreachable: (o) => `unreachable ${o.code}`,
  'credentials-failed': (o) => `credentials failed ${o.code}`,
  'relay-failed': (o) => `relay failed ${o.reason}`,
};

export const outcomeLabel = (o: Outcome) => (OUTCOME_LABEL[o.kind] as (o: Outcome) => string)(o);

/** The colour class of an outcome: allowed, denied, or an error (anything that is no auth answer). */
export const outcomeClass = (o: Outcome | Prediction) =>
  o.kind === 'allowed' ? 'o-allowed' : o.kind === 'denied' ? 'o-denied' : 'o-error';

export function expectationLabel(e: Expectation): string {
  if (e.kind === 'deny') return `deny: ${e.layer}${e.explicit ? ' (explicit)' : ''}`;
  const parts = [e.status !== undefined ? String(e.status) : '', e.body !== undefined ? e.body : ''].filter(Boolean);
  const includes = e.bodyIncludes !== undefined ? ` …${e.bodyIncludes}…` : '';
  return `allow${parts.length > 0 ? ` ${parts.join(' ')}` : ''}${includes}`;
}

export function predictionLabel(p: Prediction): string {
  switch (p.kind) {
    case 'allowed':
      return `allowed${p.status !== undefined ? ` ${p.status}` : ''}`;
    case 'denied':
      return `denied: ${p.layer}${p.explicit ? ' (explicit)' : ''}`;
    case 'unreachable':
      return `unreachable ${p.code}`;
    case 'credentials-failed':
      return `credentials failed ${p.code}`;
    case 'relay-failed':
      return `relay failed ${p.reason}`;
  }
}

/** The refusing layer, when the outcome is a denial. */
export const refusingLayer = (o: Outcome) => (o.kind === 'denied' ? o.layer : '');

export const formatMs = (ms: number | undefined) =>
  ms === undefined ? '' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
