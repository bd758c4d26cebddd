// A by-hand check, as a person writes it (the botocore way, in Node with the AWS SDK): assume the
// role, sign one POST for vpc-lattice-svcs with SigV4, send it, print the status and body.
// Everything comes from the environment; `node bench/support/byHandCall.mjs`.
import { request } from 'node:http';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

const env = process.env;
const sts = new STSClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_STS });
const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: env.ROLE_ARN, RoleSessionName: 'by-hand' }));
const url = new URL(env.SERVICE_URL);
const signer = new SignatureV4({
  service: 'vpc-lattice-svcs',
  region: env.AWS_REGION,
  credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
  sha256: Hash.bind(null, 'sha256'),
});
const signed = await signer.sign({
  method: 'POST',
  protocol: url.protocol,
  hostname: url.hostname,
  path: '/',
  headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '0' },
});
const [address, port] = env.CONNECT_TO.split(':');
const req = request(
  {
    host: address,
    port: Number(port),
    localAddress: env.LOCAL_ADDRESS,
    method: 'POST',
    path: '/',
    headers: signed.headers,
  },
  (res) => {
    let body = '';
    res.on('data', (d) => (body += d));
    res.on('end', () => console.log(`${res.statusCode} ${body}`));
  },
);
req.end();
