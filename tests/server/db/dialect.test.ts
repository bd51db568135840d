/** The dialect-specific statements, exercised on the suite's database (CI runs SQLite and MariaDB). */
import { startTestApp, type TestApp } from '../../support/test-app';
import { dialects } from '../../../server/src/db/dialect';
import { splitStatements } from '../../../server/src/db/migrate';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('dialect', () => {
  it('multi-row upsert inserts new rows and updates existing ones with an expression', async () => {
    const { raw, dialect } = t.deps.db;
    const table = `dialect_probe_${Date.now().toString(36)}`;
    const q = dialect.quote;
    await raw.execute(`CREATE TABLE ${q(table)} (${q('k')} VARCHAR(20) NOT NULL PRIMARY KEY, ${q('n')} INTEGER NOT NULL)`);
    try {
      const sql = dialect.upsertSql(table, ['k', 'n'], 2, ['k'], { n: `${dialect.existing(table, 'n')} + ${dialect.incoming('n')}` });
      await raw.execute(sql, ['a', 1, 'b', 2]);
      await raw.execute(sql, ['a', 10, 'c', 3]);
      const rows = await raw.query<{ k: string; n: number }>(`SELECT ${q('k')}, ${q('n')} FROM ${q(table)} ORDER BY ${q('k')}`);
      expect(rows.map((r) => [r.k, Number(r.n)])).toEqual([['a', 11], ['b', 2], ['c', 3]]);
    } finally {
      await raw.execute(`DROP TABLE ${q(table)}`);
    }
  });

  it('insert-ignore skips taken keys; a plain duplicate insert is recognised as one', async () => {
    const { raw, dialect } = t.deps.db;
    const table = `dialect_ignore_${Date.now().toString(36)}`;
    const q = dialect.quote;
    await raw.execute(`CREATE TABLE ${q(table)} (${q('k')} VARCHAR(20) NOT NULL PRIMARY KEY, ${q('n')} INTEGER NOT NULL)`);
    try {
      await raw.execute(dialect.insertIgnoreSql(table, ['k', 'n'], 2), ['a', 1, 'b', 2]);
      await raw.execute(dialect.insertIgnoreSql(table, ['k', 'n'], 2), ['a', 10, 'c', 3]);
      const rows = await raw.query<{ k: string; n: number }>(`SELECT ${q('k')}, ${q('n')} FROM ${q(table)} ORDER BY ${q('k')}`);
      expect(rows.map((r) => [r.k, Number(r.n)])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
      const duplicate = await raw.execute(`INSERT INTO ${q(table)} (${q('k')}, ${q('n')}) VALUES (?, ?)`, ['a', 5]).then(() => null, (err: unknown) => err);
      expect(duplicate).not.toBeNull();
      expect(dialect.isDuplicateKey(duplicate)).toBe(true);
      // Another error is not mistaken for a duplicate.
      const other = await raw.execute(`INSERT INTO ${q(table)} (${q('nope')}) VALUES (?)`, [1]).then(() => null, (err: unknown) => err);
      expect(dialect.isDuplicateKey(other)).toBe(false);
    } finally {
      await raw.execute(`DROP TABLE ${q(table)}`);
    }
  });

  it('renders both dialects', () => {
    expect(dialects.mysql.insertIgnoreSql('T', ['a', 'b'], 1)).toBe('INSERT INTO `T` (`a`, `b`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `a` = `a`');
    expect(dialects.sqlite.insertIgnoreSql('T', ['a', 'b'], 1)).toBe('INSERT INTO "T" ("a", "b") VALUES (?, ?) ON CONFLICT DO NOTHING');
    expect(dialects.mysql.isDuplicateKey({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(true);
    expect(dialects.sqlite.isDuplicateKey(new Error('UNIQUE constraint failed: T.a'))).toBe(true);
    expect(dialects.mysql.upsertSql('T', ['a', 'b'], 1, ['a'], { b: dialects.mysql.incoming('b') })).toBe(
      'INSERT INTO `T` (`a`, `b`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `b` = VALUES(`b`)',
    );
    expect(dialects.sqlite.upsertSql('T', ['a', 'b'], 1, ['a'], { b: dialects.sqlite.incoming('b') })).toBe(
      'INSERT INTO "T" ("a", "b") VALUES (?, ?) ON CONFLICT ("a") DO UPDATE SET "b" = excluded."b"',
    );
  });

  it('splits migration scripts, keeping trigger bodies whole', () => {
    const script = '-- c\nCREATE TABLE a (x INT);\nCREATE TRIGGER t BEFORE UPDATE ON a\nBEGIN SELECT 1; END;\nCREATE TRIGGER u BEFORE DELETE ON a\nBEGIN\n  SELECT 1;\nEND;\n';
    expect(splitStatements(script)).toHaveLength(3);
  });
});
