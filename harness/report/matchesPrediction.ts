import type { Outcome } from '../classify/outcome';
import type { Prediction } from '../check/types';

/**
 * Whether what a call observed is what `check` predicted from the world as code: the same kind of
 * outcome, the same refusing layer, and the same status when the world fixes it. A difference means
 * the deployed (or emulated) world does not behave as its code says.
 */
export function matchesPrediction(prediction: Prediction, observed: Outcome): boolean {
  switch (prediction.kind) {
    case 'allowed':
      return observed.kind === 'allowed' && (prediction.status === undefined || prediction.status === observed.status);
    case 'denied':
      return (
        observed.kind === 'denied' && observed.layer === prediction.layer && observed.explicit === prediction.explicit
      );
    case 'unreachable':
      return observed.kind === 'unreachable';
    case 'credentials-failed':
      return observed.kind === 'credentials-failed';
    case 'relay-failed':
      return observed.kind === 'relay-failed' && observed.reason === prediction.reason;
  }
}
