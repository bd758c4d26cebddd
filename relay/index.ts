// The Lambda entry point of a relay (handler `index.handler`), bundled to dist/relay/index.mjs.
import { createRelay } from './handler';
import { optionsFromEnvironment } from './optionsFromEnvironment';

export const handler = createRelay(optionsFromEnvironment(process.env));
