// Lint: typescript-eslint's recommended rules, plus the tenancy rule — the unscoped database
// client may be imported only by the db layer, platform-staff code, host callbacks and jobs
// (which name their tenant explicitly), the auth core and the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const unscopedClient = {
  patterns: [
    {
      group: ['**/db/client', '**/db/client.ts'],
      message: 'Route handlers use the tenant-scoped ctx.state.db. The unscoped client belongs to db/, platform, hosts, jobs and core/auth.',
      allowTypeImports: true,
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', 'miniapp/dist/**', 'data/**', '**/*.js', 'server/prisma/.sqlite/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/db/**', 'server/src/modules/platform/**', 'server/src/hosts/**', 'server/src/jobs/**',
      'server/src/core/auth/**', 'server/src/bootstrap.ts', 'server/src/main.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', unscopedClient] },
  },
);
