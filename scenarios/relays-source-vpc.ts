import { defineScenario } from '../harness';

// What the target receives through B's relay: Lattice names B's VPC as the source (x-amzn-lattice-network).
export default defineScenario({
  world: 'relays',
  description: "Through B's relay, Lattice sees the request come from B's VPC",
  service: 'echo',
  request: { method: 'GET', path: '/whoami' },
  calls: [
    {
      caller: 'consumer-b',
      expect: {
        allow: {
          status: 200,
          bodyIncludes: 'SourceVpcArn=arn:aws:ec2:us-east-1:222222222222:vpc/vpc-0b0b0b0b0b0b0b0b0',
        },
      },
    },
  ],
});
