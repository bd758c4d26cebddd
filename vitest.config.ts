import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Two projects. `unit` is the test suite (`npm test`). `scenarios` runs the scenario files as
// vitest tests against an environment (`npm run test:scenarios`; LATTICE_E2E_ENV picks it). It is
// registered only when a --project filter is given, so a plain `vitest run` never starts it.
const projectFilterGiven = process.argv.some((arg) => arg === '--project' || arg.startsWith('--project='));

const SCENARIOS_TEST = fileURLToPath(new URL('./test/scenarios/scenarios.test.ts', import.meta.url));

const unit: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'unit',
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/scenarios/**'],
    // One module cache per worker rather than per file: every file would otherwise load the AWS
    // SDK and the emulator again (a sixth or so of the suite's CPU time). A test that changes
    // process-wide state (process.env, listeners, globals) must put it back.
    isolate: false,
    // The CLI tests run the bundled commands, as `npm run` does: built (or rebuilt) once, before any worker.
    globalSetup: ['test/support/buildBundles.ts'],
  },
};

const scenarios: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'scenarios',
    include: ['test/scenarios/**/*.test.ts'],
  },
};

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker fewer than the cores: a single worker on 2 cores, while many
    // files spend part of their time waiting on sockets, child processes and a browser. One more
    // worker than cores keeps the cores busy (on 2 cores: 3 workers, about 54 s for the suite
    // where 2 workers took 61 s and 1 would take twice that).
    maxWorkers: availableParallelism() + 1,
    projects: projectFilterGiven ? [unit, scenarios] : [unit],
    // Scenario, environment and policy files are found by name at run time, so vitest's module
    // graph does not know a new one: in watch mode any of them reruns the scenarios project.
    watchTriggerPatterns: projectFilterGiven
      ? [
          {
            pattern:
              /[\\/]scenarios[\\/](?:environments[\\/])?[^\\/]+\.ts$|[\\/]scenarios[\\/]policies[\\/][^\\/]+\.json$/,
            testsToRun: () => SCENARIOS_TEST,
          },
        ]
      : [],
  },
});
