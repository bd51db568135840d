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

// Modules whose routes receive RouteDeps (core/context: no unscoped database) and work on one typed
// request scope (core/scope `scopeOf(ctx)`). A module joins this list when it is converted; staff
// routes (platform-routes.ts) keep the unscoped client and are left out.
const scopedModules = ['agreements', 'audit', 'credits', 'editions', 'jssdk', 'notifications'].map((m) => `server/src/modules/${m}/**/*.ts`);
const scopedOnly = [
  {
    selector: "MemberExpression[object.name='deps'][property.name='db']",
    message: 'Handlers get no unscoped database: use scopeOf(ctx).db, or a named function of deps.global (db/global-tables.ts).',
  },
  {
    selector: "MemberExpression[object.type='MemberExpression'][object.property.name='state'][property.name=/^(db|actor)$/]",
    message: 'Read the request scope with scopeOf(ctx) (core/scope): { db, actor, tenantId, memberId, ip }, nothing optional.',
  },
  {
    selector: "VariableDeclarator[id.type='ObjectPattern'][init.type='MemberExpression'][init.property.name='state']",
    message: 'Read the request scope with scopeOf(ctx) (core/scope): { db, actor, tenantId, memberId, ip }, nothing optional.',
  },
];

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
  {
    files: scopedModules,
    ignores: ['server/src/modules/*/platform-routes.ts'],
    rules: { 'no-restricted-syntax': ['error', ...scopedOnly] },
  },
);
