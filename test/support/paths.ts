import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The project root, and the third-party test data kept in it (see each folder's PROVENANCE.md). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = join(projectRoot, 'test', 'fixtures');
/** The same folder under its former name, for the tests that still import it. */
export const sharedTestdata = fixtures;
