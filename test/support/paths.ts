import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project root, and the shared test data beside it (read in place, never copied). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sharedTestdata = join(projectRoot, '..', 'shared', 'testdata');
