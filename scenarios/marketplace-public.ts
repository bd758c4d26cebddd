import { defineScenario } from '../harness';

// The public network and its status service have auth type NONE: unsigned callers get through.
export default defineScenario({
  world: 'marketplace',
  description: 'auth type NONE on both layers: an anonymous kiosk gets the status page',
  service: 'status',
  calls: [{ caller: 'kiosk', request: { method: 'GET' }, expect: { allow: { status: 200, body: 'ok' } } }],
});
