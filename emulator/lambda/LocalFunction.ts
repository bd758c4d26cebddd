/** A function of the local Lambda endpoint: its identity, and its body (a handler called with the payload). */
export interface LocalFunction {
  /** `arn:aws:lambda:<region>:<account>:function:<name>`. */
  arn: string;
  name: string;
  account: string;
  /** Runs the function with the invocation's JSON payload; what it returns is the answer, a throw a function error. */
  run(payload: unknown): Promise<unknown>;
}
