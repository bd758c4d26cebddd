import { StsError } from './stsXml';

/**
 * STS's checks of `RoleArn` before it looks the role up: the framework's length bounds (20 to
 * 2048), then the shape `arn:<partition>:<service>:<region>:<account>:<resource>` with partition,
 * service and resource present, refused as `<arn> is invalid` (the wording AWS answers with).
 * A missing RoleArn is left to the operation, which names the member.
 */
export function validateRoleArn(params: URLSearchParams): void {
  const arn = params.get('RoleArn');
  if (arn === null) return;
  if (arn.length < 20 || arn.length > 2048) {
    const bound = arn.length < 20 ? 'greater than or equal to 20' : 'less than or equal to 2048';
    throw new StsError(
      400,
      'ValidationError',
      `1 validation error detected: Value '${arn}' at 'roleArn' failed to ` +
        `satisfy constraint: Member must have length ${bound}`,
    );
  }
  const parts = arn.split(':');
  const resource = parts.slice(5).join(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] === '' || parts[2] === '' || resource === '') {
    throw new StsError(400, 'ValidationError', `${arn} is invalid`);
  }
}
