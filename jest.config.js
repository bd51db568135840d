/** Jest runs the whole suite: on embedded SQLite by default, on MariaDB with TEST_DATABASE_URL. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  // postgrator ships as an ES module: compile it like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(postgrator)/)'],
  moduleNameMapper: { '^@qixue/config$': '<rootDir>/config/index.ts' },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: process.env.JEST_WORKERS || '50%',
};
