import { fileURLToPath } from 'node:url';

/** The demo world's file: the built-in `local` environment runs it by default. */
export const DEMO_WORLD_FILE = fileURLToPath(new URL('../scenarios/worlds/demo.ts', import.meta.url));
