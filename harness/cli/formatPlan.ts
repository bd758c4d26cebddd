import { formatExpectation } from '../judge/judgeOutcome';
import { wirePath, wireQuery } from '../request/buildRequest';
import type { Plan } from '../resolve/types';

/** The plan as text for --dry-run: what would be called, as whom, from where, expecting what. */
export function formatPlan(plan: Plan): string {
  const env = plan.environment;
  const org = env.organizationId ? `, organization ${env.organizationId}` : '';
  const lines = [
    `plan: ${plan.calls.length} call${plan.calls.length === 1 ? '' : 's'} ` +
      `against environment "${env.name}" (region ${env.region}${org})`,
  ];
  if (plan.shard)
    lines.push(
      `shard ${plan.shard.index} of ${plan.shard.count}: ${plan.calls.length} ` +
        `of the plan's ${plan.shard.plannedCalls} calls`,
    );
  const roles = new Set<string>();
  for (const call of plan.calls) {
    const c = call.caller;
    const query = wireQuery(call.request.query);
    const url = `${call.service.url.origin}${wirePath(call.service.url, call.request.path)}${query ? `?${query}` : ''}`;
    const connect = env.resolve[call.service.url.hostname.toLowerCase()];
    const identity =
      c.kind === 'role'
        ? `assumes ${c.roleArn} as session ${c.sessionName}${c.externalId ? ' (with external ID)' : ''}`
        : '(anonymous, unsigned)';
    lines.push(
      `${call.id}`,
      `    caller:   ${c.name} ${identity}${c.localAddress ? ` from ${c.localAddress}` : ''}`,
      ...(c.relay ? [`    relay:    ${c.relay} (Lambda: sends the signed request from its VPC)`] : []),
      `    request:  ${call.request.method} ` +
        `${url}${connect ? ` (connecting to ${connect.address}:${connect.port})` : ''}`,
      `    service:  ${call.service.arn}`,
      `    expect:   ${formatExpectation(call.expect)}`,
    );
    if (c.kind === 'role') roles.add(c.roleArn);
  }
  lines.push(`roles to assume: ${roles.size === 0 ? 'none' : [...roles].join(', ')}`, 'dry run: nothing was called');
  return `${lines.join('\n')}\n`;
}
