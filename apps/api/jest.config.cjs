/**
 * API tests: unit specs next to the code (*.spec.ts) and integration specs (test/*.int-spec.ts) that run the
 * real Nest app against a real PostgreSQL: an embedded one started for this run, or a fresh database on the
 * server in DATABASE_URL. Needs NODE_OPTIONS=--experimental-vm-modules (NestJS 12 is ESM-only); the Nx
 * target sets it.
 */
module.exports = {
  displayName: 'api',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@gezinsplan/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@gezinsplan/migrations$': '<rootDir>/../../migrations/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
};
