/** ARN and name builders for the local world, in the formats AWS uses. */

export const serviceArn = (region: string, account: string, id: string) =>
  `arn:aws:vpc-lattice:${region}:${account}:service/${id}`;

export const serviceNetworkArn = (region: string, account: string, id: string) =>
  `arn:aws:vpc-lattice:${region}:${account}:servicenetwork/${id}`;

export const targetGroupArn = (region: string, account: string, serviceId: string) =>
  `arn:aws:vpc-lattice:${region}:${account}:targetgroup/tg-${serviceId.slice(4)}`;

export const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

export const assumedRoleArn = (account: string, role: string, session: string) =>
  `arn:aws:sts::${account}:assumed-role/${role}/${session}`;

export const vpcArn = (region: string, account: string, id: string) => `arn:aws:ec2:${region}:${account}:vpc/${id}`;

/** `<name>-<id without svc->.<hash>.vpc-lattice-svcs.<region>.on.aws`, the shape of a Lattice service's DNS name. */
export function serviceDomain(region: string, name: string, id: string): string {
  return `${name}-${id.slice(4)}.7d67968.vpc-lattice-svcs.${region}.on.aws`;
}

/** The account id inside an ARN, or undefined. */
export function accountOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

export const userArn = (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`;

export const managedPolicyArn = (account: string, name: string) => `arn:aws:iam::${account}:policy/${name}`;

export const lambdaFunctionArn = (region: string, account: string, name: string) =>
  `arn:aws:lambda:${region}:${account}:function:${name}`;
