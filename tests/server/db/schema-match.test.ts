/**
 * Proves the hand-written/rendered SQL migrations match schema.prisma: every model has its table;
 * every scalar field its column with the right type family and nullability; the same primary key,
 * unique indexes and indexes. Runs on whichever database the suite runs on (CI runs both).
 */
import { columnName, columnsOf, readDatamodel, tableName, type DmmfField } from '../../../server/src/db/datamodel';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

interface Column { name: string; family: string; nullable: boolean }
interface Index { columns: string[]; unique: boolean; primary: boolean }

function familyOfPrisma(field: DmmfField): string {
  if (field.kind === 'enum') return 'enum';
  const native = field.nativeType?.[0];
  if (native === 'Text' || native === 'MediumText' || native === 'LongText') return 'text';
  return { String: 'string', Int: 'int', BigInt: 'bigint', Float: 'float', Decimal: 'decimal', Boolean: 'bool', DateTime: 'datetime', Json: 'json', Bytes: 'bytes' }[field.type]!;
}

function familyOfMysql(dataType: string, columnType: string, checkJson: boolean): string {
  if (checkJson || dataType === 'json') return 'json';
  if (dataType === 'tinyint' && columnType.startsWith('tinyint(1)')) return 'bool';
  const map: Record<string, string> = {
    varchar: 'string', char: 'string', text: 'text', mediumtext: 'text', longtext: 'text', int: 'int', bigint: 'bigint',
    double: 'float', decimal: 'decimal', datetime: 'datetime', enum: 'enum', longblob: 'bytes',
  };
  return map[dataType] ?? dataType;
}

function familyOfSqlite(type: string, prismaFamily: string): string {
  const t = type.toUpperCase();
  // SQLite stores strings, texts and enums alike as TEXT.
  if (t === 'TEXT') return ['string', 'text', 'enum'].includes(prismaFamily) ? prismaFamily : 'string';
  return { INTEGER: 'int', BIGINT: 'bigint', REAL: 'float', DECIMAL: 'decimal', BOOLEAN: 'bool', DATETIME: 'datetime', JSONB: 'json', BLOB: 'bytes' }[t] ?? t;
}

async function introspect(table: string, prismaFamilies: Map<string, string>): Promise<{ columns: Column[]; indexes: Index[] }> {
  const { raw, dialect } = t.deps.db;
  if (dialect.name === 'mysql') {
    const cols = await raw.query<{ name: string; dataType: string; columnType: string; nullable: string; checkJson: number }>(
      `SELECT c.COLUMN_NAME name, c.DATA_TYPE dataType, c.COLUMN_TYPE columnType, c.IS_NULLABLE nullable,
              EXISTS(SELECT 1 FROM information_schema.CHECK_CONSTRAINTS k WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA
                     AND k.TABLE_NAME = c.TABLE_NAME AND k.CHECK_CLAUSE LIKE CONCAT('%json_valid(\`', c.COLUMN_NAME, '\`)%')) checkJson
       FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ? ORDER BY c.ORDINAL_POSITION`,
      [table],
    );
    const stats = await raw.query<{ name: string; col: string; nonUnique: number; seq: number }>(
      `SELECT INDEX_NAME name, COLUMN_NAME col, NON_UNIQUE nonUnique, SEQ_IN_INDEX seq FROM information_schema.STATISTICS
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
      [table],
    );
    const byName = new Map<string, Index>();
    for (const s of stats) {
      const index = byName.get(s.name) ?? { columns: [], unique: Number(s.nonUnique) === 0, primary: s.name === 'PRIMARY' };
      index.columns.push(s.col);
      byName.set(s.name, index);
    }
    return {
      columns: cols.map((c) => ({ name: c.name, family: familyOfMysql(c.dataType, c.columnType, Number(c.checkJson) === 1), nullable: c.nullable === 'YES' })),
      indexes: [...byName.values()],
    };
  }
  const cols = await raw.query<{ name: string; type: string; notnull: number | bigint; pk: number | bigint }>(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`, [table]);
  const list = await raw.query<{ name: string; unique: number | bigint; origin: string }>(`SELECT name, "unique", origin FROM pragma_index_list(?)`, [table]);
  const indexes: Index[] = [];
  for (const entry of list) {
    const info = await raw.query<{ name: string; seqno: number | bigint }>(`SELECT name, seqno FROM pragma_index_info(?) ORDER BY seqno`, [entry.name]);
    indexes.push({ columns: info.map((i) => i.name), unique: Number(entry.unique) === 1, primary: entry.origin === 'pk' });
  }
  const pk = cols.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk)).map((c) => c.name);
  if (pk.length && !indexes.some((i) => i.primary)) indexes.push({ columns: pk, unique: true, primary: true });
  return {
    columns: cols.map((c) => ({ name: c.name, family: familyOfSqlite(c.type, prismaFamilies.get(c.name) ?? ''), nullable: Number(c.notnull) === 0 && Number(c.pk) === 0 })),
    indexes,
  };
}

const key = (i: Index) => `${i.primary ? 'pk' : i.unique ? 'unique' : 'index'}(${i.columns.join(',')})`;

describe('migrations match schema.prisma', () => {
  const dm = readDatamodel();

  it.each(dm.models.map((m) => [m.name, m] as const))('%s', async (_name, model) => {
    const fields = columnsOf(model);
    const families = new Map(fields.map((f) => [columnName(f), familyOfPrisma(f)]));
    const actual = await introspect(tableName(model), families);
    expect(actual.columns.length).toBeGreaterThan(0);

    const expectedColumns = fields.map((f) => ({ name: columnName(f), family: familyOfPrisma(f), nullable: !f.isRequired })).sort((a, b) => a.name.localeCompare(b.name));
    expect([...actual.columns].sort((a, b) => a.name.localeCompare(b.name))).toEqual(expectedColumns);

    const col = (name: string) => columnName(fields.find((f) => f.name === name)!);
    const expectedIndexes = dm.indexes
      .filter((i) => i.model === model.name && !(t.deps.db.dialect.name === 'sqlite' && i.type === 'fulltext'))
      .map((i) => key({ columns: i.fields.map((f) => col(f.name)), unique: i.type === 'unique' || i.type === 'id', primary: i.type === 'id' }))
      .sort();
    expect(actual.indexes.map(key).sort()).toEqual(expectedIndexes);
  });
});
