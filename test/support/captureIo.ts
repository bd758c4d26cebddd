import { projectRoot } from './paths';

/** A command's io that keeps what it writes: `out()` and `err()` read it back; the command runs in the project. */
export function captureIo(env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      cwd: projectRoot,
      env,
    },
    out: () => out,
    err: () => err,
  };
}
