import { ControlPlaneError, controlPlaneErrorAnswer, jsonAnswer } from '../controlplane/restJson';
import { FaultSettingsError, parseFaultSettings, type Faults } from '../faults/Faults';
import type { Answer, IncomingCall } from '../http/types';
import type { World } from '../world/World';
import { handleOidcAdmin } from './handleOidcAdmin';

/** Paths of the local world's own admin endpoint; no AWS API uses them. */
export const ADMIN_PREFIX = '/_local';

export const isAdminCall = (call: IncomingCall): boolean =>
  call.target === ADMIN_PREFIX || call.target.startsWith(`${ADMIN_PREFIX}/`);

export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** The world's counters as JSON: maps become objects keyed by role ARN, service name, operation. */
export function statsJson(world: World) {
  const { stats } = world;
  return {
    assumeRole: Object.fromEntries(stats.assumeRole),
    invokes: stats.invokes,
    invokesByService: Object.fromEntries(stats.invokesByService),
    throttled: stats.throttled,
    targetErrors: stats.targetErrors,
    dropped: stats.dropped,
    controlPlane: Object.fromEntries(stats.controlPlane),
  };
}

function readFaultPatch(body: Buffer) {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw ControlPlaneError.validation('the fault settings are not valid JSON', 'cannotParse');
  }
  try {
    return parseFaultSettings(value);
  } catch (error) {
    if (!(error instanceof FaultSettingsError)) throw error;
    throw ControlPlaneError.validation(
      error.message,
      'fieldValidationFailed',
      error.field ? [{ name: error.field, message: error.message }] : [],
    );
  }
}

/**
 * The admin endpoint (loopback callers only, no signature): read and change fault settings,
 * read and reset counters, the local OIDC issuer. Errors use the control plane's restJson shape.
 */
export function handleAdmin(call: IncomingCall, world: World, faults: Faults): Answer {
  try {
    if (!isLoopback(call.remoteAddress))
      throw new ControlPlaneError('AccessDeniedException', 'The admin endpoint answers loopback callers only');
    const path = call.target.split('?')[0];
    switch (`${call.method} ${path}`) {
      case 'GET /_local/faults':
        return jsonAnswer(200, faults.current);
      case 'POST /_local/faults':
        return jsonAnswer(200, faults.set(readFaultPatch(call.body)));
      case 'DELETE /_local/faults':
        return jsonAnswer(200, faults.clear());
      case 'GET /_local/stats':
        return jsonAnswer(200, statsJson(world));
      case 'DELETE /_local/stats':
        world.resetStats();
        return jsonAnswer(200, statsJson(world));
      default: {
        const oidc = handleOidcAdmin(call, path, world);
        if (oidc) return oidc;
        throw ControlPlaneError.validation(
          `No admin operation matches ${call.method} ${path.slice(0, 128)} (GET|POST|DELETE /_local/faults, ` +
            'GET|DELETE /_local/stats, GET ' +
            '/_local/oidc/.well-known/openid-configuration, GET /_local/oidc/jwks, ' +
            'POST /_local/oidc/token)',
          'unknownOperation',
        );
      }
    }
  } catch (error) {
    if (error instanceof ControlPlaneError) return controlPlaneErrorAnswer(error);
    throw error;
  }
}
