import type { InvokeCaller } from './lattice/types';
import type { ContextValue } from './types';

/** The requests whose global keys the world builds. */
export type RequestKind = 'invoke' | 'assume-role';

/** What the global condition keys of one request are made of. */
export interface GlobalKeyFacts {
  /** Who signed it (an IAM user or a role session), or nobody; undefined: not known here. */
  caller: InvokeCaller | { kind: 'anonymous' } | undefined;
  request: {
    time: Date;
    sourceIp: string;
    secureTransport: boolean;
    /** The region of the endpoint called. */
    region: string;
    /** The User-Agent header; undefined: not known here. */
    userAgent?: string;
    /** The Referer header, when the request carries one. */
    referer?: string;
    /** Tags passed in the request (AssumeRole session tags). */
    tags?: Record<string, string>;
  };
  /** The resource's owner and tags (the Lattice service; the role assumed); undefined: not known here. */
  resource: { account: string; orgId?: string; orgPaths?: string[]; tags?: Record<string, string> } | undefined;
  /** aws:SourceOrgID of an Invoke, as the world reads it (undocumented for Lattice). */
  sourceOrgId?: string;
}

type Entries = Record<string, ContextValue> | undefined;

/** One key of the IAM page "AWS global condition context keys": when each request carries it, and its value. */
export interface GlobalKeyRow {
  /** As the page names it; `<tag-key>` marks one key per tag. */
  key: string;
  invoke: string;
  assumeRole: string;
  value: string;
  /** The anchor on the IAM page that says so (or the page named). */
  source: string;
  entries(kind: RequestKind, facts: GlobalKeyFacts): Entries;
}

const PAGE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';
const VARIABLES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';
/** The IAM page's dates: ISO 8601 to the second, UTC. */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const signed = (facts: GlobalKeyFacts) => (facts.caller?.kind === 'iam' ? facts.caller : undefined);
const isUser = (caller: InvokeCaller) => caller.principalType === 'User';
/** A role session with temporary credentials (not an IAM user's long-term keys). */
const session = (facts: GlobalKeyFacts) => {
  const caller = signed(facts);
  return caller && !isUser(caller) ? caller : undefined;
};
const one = (key: string, value: ContextValue | undefined): Entries =>
  value === undefined ? undefined : { [key]: value };
const tags = (prefix: string, map: Record<string, string> | undefined): Entries =>
  map && Object.fromEntries(Object.entries(map).map(([k, v]) => [`${prefix}${k}`, v]));
/** The caller's value, `anonymous` for an anonymous caller, nothing when the caller is not known. */
const orAnonymous = (facts: GlobalKeyFacts, pick: (caller: InvokeCaller) => string) =>
  facts.caller && (facts.caller.kind === 'iam' ? pick(facts.caller) : 'anonymous');

function row(
  key: string,
  when: [invoke: string, assumeRole: string],
  value: string,
  anchor: string,
  entries: GlobalKeyRow['entries'],
): GlobalKeyRow {
  const source = anchor.startsWith('http') ? anchor : `${PAGE}#${anchor}`;
  return { key, invoke: when[0], assumeRole: when[1], value, source, entries };
}
/** A key that neither request carries: `why` says which requests do. */
const absent = (key: string, why: string, anchor: string) =>
  row(key, ['absent', 'absent'], why, anchor, () => undefined);

const ALWAYS: [string, string] = ['always', 'always'];
const SIGNED: [string, string] = ['signed callers', 'always'];
const IN_ORG: [string, string] = ['signed callers in an organization', 'callers in an organization'];
const OWNER_IN_ORG: [string, string] = ['owner in an organization', 'owner in an organization'];
const SESSIONS: [string, string] = ['role sessions', 'role sessions'];
const FAS = "only when a service calls with the caller's credentials (FAS)";
const SERVICE_PRINCIPAL = 'only when an AWS service principal calls for a resource';
const VPC_ENDPOINT = 'only through a VPC endpoint of the services listed (neither Lattice nor STS)';

/** Every global condition key of the IAM page (2026), in its order. */
export const GLOBAL_CONDITION_KEYS: readonly GlobalKeyRow[] = [
  // Properties of the principal
  row(
    'aws:PrincipalArn',
    SIGNED,
    'the role ARN for a role session, the user ARN for a user',
    'condition-keys-principalarn',
    (_, f) => one('aws:PrincipalArn', signed(f)?.roleArn),
  ),
  row(
    'aws:PrincipalAccount',
    ALWAYS,
    "the caller's account; `anonymous` for an anonymous caller",
    'condition-keys-principalaccount',
    (_, f) =>
      one(
        'aws:PrincipalAccount',
        orAnonymous(f, (c) => c.account),
      ),
  ),
  row(
    'aws:PrincipalOrgPaths',
    IN_ORG,
    "multivalued: the caller's account path `o-…/r-…/ou-…/`",
    'condition-keys-principalorgpaths',
    (_, f) => {
      const paths = signed(f)?.orgPaths;
      return one('aws:PrincipalOrgPaths', paths && [...paths]);
    },
  ),
  row('aws:PrincipalOrgID', IN_ORG, "the caller's organization", 'condition-keys-principalorgid', (_, f) =>
    one('aws:PrincipalOrgID', signed(f)?.orgId),
  ),
  row(
    'aws:PrincipalTag/<tag-key>',
    ['signed callers with tags', 'callers with tags'],
    "the user's tags; the role's tags and session tags (a session tag wins)",
    'condition-keys-principaltag',
    (_, f) => tags('aws:PrincipalTag/', signed(f)?.principalTags),
  ),
  row(
    'aws:PrincipalIsAWSService',
    SIGNED,
    '`false`: every principal of the world is an IAM user or role session',
    'condition-keys-principalisawsservice',
    (_, f) => one('aws:PrincipalIsAWSService', signed(f) && 'false'),
  ),
  absent('aws:PrincipalServiceName', 'only when an AWS service principal calls', 'condition-keys-principalservicename'),
  absent(
    'aws:PrincipalServiceNamesList',
    'only when an AWS service principal calls',
    'condition-keys-principalservicenameslist',
  ),
  row(
    'aws:PrincipalType',
    ALWAYS,
    '`AssumedRole`, `User`; `Anonymous` for an anonymous caller',
    'condition-keys-principaltype',
    (_, f) => {
      const type = f.caller && (f.caller.kind === 'iam' ? (f.caller.principalType ?? 'AssumedRole') : 'Anonymous');
      return one('aws:PrincipalType', type);
    },
  ),
  row(
    'aws:userid',
    ALWAYS,
    '`role-id:session-name`, the user ID; `anonymous` for an anonymous caller',
    `${VARIABLES}#principaltable`,
    (_, f) =>
      one(
        'aws:userid',
        orAnonymous(f, (c) => c.userId),
      ),
  ),
  row(
    'aws:username',
    ['IAM users', 'IAM users'],
    "the user's name; never for a role session or an anonymous caller",
    'condition-keys-username',
    (_, f) => {
      const c = signed(f);
      return one('aws:username', c && isUser(c) ? c.arn.slice(c.arn.lastIndexOf('/') + 1) : undefined);
    },
  ),
  // Properties of a role session
  absent('aws:AssumedRoot', 'only with credentials from sts:AssumeRoot', 'condition-keys-assumedroot'),
  row(
    'aws:FederatedProvider',
    ['web-identity sessions', 'web-identity sessions'],
    'the OIDC provider of a session from AssumeRoleWithWebIdentity (`InvokeCaller.federatedProvider`)',
    'condition-keys-federatedprovider',
    (_, f) => one('aws:FederatedProvider', session(f)?.federatedProvider),
  ),
  row(
    'aws:TokenIssueTime',
    SESSIONS,
    'when STS issued the session (`InvokeCaller.tokenIssueTime`)',
    'condition-keys-tokenissuetime',
    (_, f) => {
      const issued = session(f)?.tokenIssueTime;
      return one('aws:TokenIssueTime', issued && isoSeconds(issued));
    },
  ),
  absent('aws:SignInSessionArn', 'only from an AWS Sign-In OAuth session', 'condition-keys-signinsessionarn'),
  absent('aws:MultiFactorAuthAge', 'only after MFA, which the world has none of', 'condition-keys-multifactorauthage'),
  row(
    'aws:MultiFactorAuthPresent',
    ['role sessions, not federated', 'role sessions, not federated'],
    '`false` (temporary credentials without MFA); absent for long-term keys and web-identity sessions',
    'condition-keys-multifactorauthpresent',
    (_, f) => {
      const c = session(f);
      return one('aws:MultiFactorAuthPresent', c && c.federatedProvider === undefined ? 'false' : undefined);
    },
  ),
  absent(
    'aws:ChatbotSourceArn',
    'only for sessions of Amazon Q Developer in chat applications',
    'condition-keys-chatbotsourcearn',
  ),
  absent('aws:Ec2InstanceSourceVpc', 'only with Amazon EC2 role credentials', 'condition-keys-ec2instancesourcevpc'),
  absent(
    'aws:Ec2InstanceSourcePrivateIPv4',
    'only with Amazon EC2 role credentials',
    'condition-keys-ec2instancesourceprivateip4',
  ),
  absent('aws:SourceIdentity', 'only once a source identity is set (not modelled)', 'condition-keys-sourceidentity'),
  absent('ec2:RoleDelivery', 'only for sessions created by an EC2 instance', 'condition-keys-ec2-role-delivery'),
  absent(
    'ec2:SourceInstanceArn',
    'only for sessions created by an EC2 instance',
    'condition-keys-ec2-source-instance-arn',
  ),
  absent('glue:RoleAssumedBy', 'only for AWS Glue service roles', 'condition-keys-glue-role-assumed-by'),
  absent('glue:CredentialIssuingService', 'only for AWS Glue jobs', 'condition-keys-glue-credential-issuing'),
  absent('codebuild:BuildArn', 'only for roles assumed by CodeBuild', 'condition-keys-codebuild-build-arn'),
  absent('codebuild:ProjectArn', 'only for roles assumed by CodeBuild', 'condition-keys-codebuild-project-arn'),
  absent('lambda:SourceFunctionArn', 'only from Lambda function code', 'condition-keys-lambda-source-function-arn'),
  absent(
    'ssm:SourceInstanceArn',
    'only on Systems Manager managed instances',
    'condition-keys-ssm-source-instance-arn',
  ),
  absent('identitystore:UserId', 'only for IAM Identity Center users', 'condition-keys-identity-store-user-id'),
  // Properties of the network
  row(
    'aws:SourceIp',
    ALWAYS,
    "the connection's source address (no VPC endpoint is used)",
    'condition-keys-sourceip',
    (_, f) => one('aws:SourceIp', f.request.sourceIp),
  ),
  absent(
    'aws:SourceVpc',
    'only through a VPC endpoint; a Lattice caller is named by vpc-lattice-svcs:SourceVpc',
    'condition-keys-sourcevpc',
  ),
  absent('aws:SourceVpcArn', VPC_ENDPOINT, 'condition-keys-sourcevpcarn'),
  absent('aws:SourceVpce', 'only through a VPC endpoint', 'condition-keys-sourcevpce'),
  absent('aws:VpceAccount', VPC_ENDPOINT, 'condition-keys-vpceaccount'),
  absent('aws:VpceOrgID', VPC_ENDPOINT, 'condition-keys-vpceorgid'),
  absent('aws:VpceOrgPaths', VPC_ENDPOINT, 'condition-keys-vpceorgpaths'),
  absent('aws:VpcSourceIp', 'only through a VPC endpoint', 'condition-keys-vpcsourceip'),
  // Properties of the resource
  row(
    'aws:ResourceAccount',
    ALWAYS,
    "the service's owner (Invoke); the role's account (AssumeRole)",
    'condition-keys-resourceaccount',
    (_, f) => one('aws:ResourceAccount', f.resource?.account),
  ),
  row(
    'aws:ResourceOrgPaths',
    OWNER_IN_ORG,
    "multivalued: the owner's account path",
    'condition-keys-resourceorgpaths',
    (_, f) => {
      const paths = f.resource?.orgPaths;
      return one('aws:ResourceOrgPaths', paths && [...paths]);
    },
  ),
  row('aws:ResourceOrgID', OWNER_IN_ORG, "the owner's organization", 'condition-keys-resourceorgid', (_, f) =>
    one('aws:ResourceOrgID', f.resource?.orgId),
  ),
  row(
    'aws:ResourceTag/<tag-key>',
    ['service with tags', 'role with tags'],
    "the service's tags (Invoke); the role's tags (AssumeRole)",
    'condition-keys-resourcetag',
    (_, f) => tags('aws:ResourceTag/', f.resource?.tags),
  ),
  // Properties of the request
  absent('aws:CalledVia', FAS, 'condition-keys-calledvia'),
  absent('aws:CalledViaFirst', FAS, 'condition-keys-calledviafirst'),
  absent('aws:CalledViaLast', FAS, 'condition-keys-calledvialast'),
  absent('aws:CalledViaAWSMCP', 'only when an AWS MCP service calls', 'condition-keys-calledviaawasmcp'),
  row('aws:ViaAWSService', ALWAYS, '`false`: the caller calls directly', 'condition-keys-viaawsservice', () => ({
    'aws:ViaAWSService': 'false',
  })),
  absent('aws:ViaAWSMCPService', 'only when an AWS MCP server calls', 'condition-keys-viaawsmcpservice'),
  row(
    'aws:CurrentTime',
    ALWAYS,
    'the time of the request, ISO 8601 to the second',
    'condition-keys-currenttime',
    (_, f) => one('aws:CurrentTime', isoSeconds(f.request.time)),
  ),
  row('aws:EpochTime', ALWAYS, 'the time of the request in epoch seconds', 'condition-keys-epochtime', (_, f) =>
    one('aws:EpochTime', String(Math.floor(f.request.time.getTime() / 1000))),
  ),
  row('aws:referer', ['with a Referer header', 'absent'], 'the Referer header', 'condition-keys-referer', (k, f) =>
    one('aws:referer', k === 'invoke' ? f.request.referer : undefined),
  ),
  row(
    'aws:RequestedRegion',
    ALWAYS,
    "the region of the endpoint: the service's (Invoke), the world's (STS)",
    'condition-keys-requestedregion',
    (_, f) => one('aws:RequestedRegion', f.request.region),
  ),
  row(
    'aws:RequestTag/<tag-key>',
    ['absent', 'with session tags'],
    'each session tag',
    'condition-keys-requesttag',
    (k, f) => (k === 'assume-role' ? tags('aws:RequestTag/', f.request.tags) : undefined),
  ),
  row(
    'aws:TagKeys',
    ['absent', 'with session tags'],
    'multivalued: the session tag keys',
    'condition-keys-tagkeys',
    (k, f) => {
      const keys = k === 'assume-role' ? Object.keys(f.request.tags ?? {}) : [];
      return keys.length > 0 ? { 'aws:TagKeys': keys } : undefined;
    },
  ),
  row('aws:SecureTransport', ALWAYS, '`true` over TLS, else `false`', 'condition-keys-securetransport', (_, f) =>
    one('aws:SecureTransport', String(f.request.secureTransport)),
  ),
  absent('aws:SourceAccount', SERVICE_PRINCIPAL, 'condition-keys-sourceaccount'),
  absent('aws:SourceArn', SERVICE_PRINCIPAL, 'condition-keys-sourcearn'),
  row(
    'aws:SourceOrgID',
    ["the world's `sourceOrgIdMode`", 'absent'],
    'IAM: only for service principals; for Lattice undocumented, so a setting (lattice-behaviour.md §4)',
    'condition-keys-sourceorgid',
    (k, f) => one('aws:SourceOrgID', k === 'invoke' ? f.sourceOrgId : undefined),
  ),
  absent('aws:SourceOrgPaths', SERVICE_PRINCIPAL, 'condition-keys-sourceorgpaths'),
  row(
    'aws:UserAgent',
    ALWAYS,
    'the User-Agent header (empty when the request has none)',
    'condition-keys-useragent',
    (_, f) => one('aws:UserAgent', f.request.userAgent),
  ),
  absent(
    'aws:IsMcpServiceAction',
    'only when an MCP service authorizes its own action',
    'condition-keys-ismcpserviceaction',
  ),
];
