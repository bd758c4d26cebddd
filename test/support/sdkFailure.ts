/** What an AWS SDK call fails with, as the client's deserializer read it: its name, status and message. */
export async function sdkFailure(
  promise: Promise<unknown>,
): Promise<{ name: string; status: number; message: string }> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata: { httpStatusCode: number } } | undefined;
  if (!error) throw new Error('the call succeeded');
  return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
}
