import type { Config } from 'jest';

// One project per package. Tests import sources directly (`@mcp-otel/*` maps to `src/`), so unit
// tests need no build; tests that spawn processes use the built `dist/` (scripts/test.mjs builds first).
const projects = ['packages/sdk', 'packages/instrumentation', 'packages/cli', 'examples/demo', 'examples/browser'] as const;

const moduleNameMapper = {
  '^@mcp-otel/(sdk|instrumentation|cli)$': '<rootDir>/../../packages/$1/src/index.ts',
  // Sources use NodeNext `.js` specifiers; jest resolves them to the `.ts` files.
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const config: Config = {
  projects: projects.map((dir) => ({
    displayName: dir.split('/')[1],
    rootDir: `<rootDir>/${dir}`,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    moduleNameMapper,
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.test.json' }],
    },
  })),
  testTimeout: 30_000,
};

export default config;
