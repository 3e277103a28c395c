import type { Config } from 'jest';

// One project per package. Tests import sources directly (`@mcp-otel/*` maps to `src/`), so unit
// tests need no build; tests that spawn processes use the built `dist/` (scripts/test.mjs builds first).
const packages = ['sdk', 'instrumentation', 'cli'] as const;

const moduleNameMapper = {
  '^@mcp-otel/(sdk|instrumentation|cli)$': '<rootDir>/../$1/src/index.ts',
};

const config: Config = {
  projects: packages.map((name) => ({
    displayName: name,
    rootDir: `<rootDir>/packages/${name}`,
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
