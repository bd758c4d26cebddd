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
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: projectFilterGiven ? [unit, scenarios] : [unit],
    // Scenario, environment and policy files are found by name at run time, so vitest's module
    // graph does not know a new one: in watch mode any of them reruns the scenarios project.
    watchTriggerPatterns: projectFilterGiven
      ? [{ pattern: /[\\/]scenarios[\\/](?:environments[\\/])?[^\\/]+\.ts$|[\\/]scenarios[\\/]policies[\\/][^\\/]+\.json$/, testsToRun: () => SCENARIOS_TEST }]
      : [],
  },
});
