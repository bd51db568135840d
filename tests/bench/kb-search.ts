/**
 * kb-search: knowledge-base search over 100,000 generated Chinese documents on MariaDB/MySQL.
 *
 *   npm run bench -- kb-search          (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306)
 *   KB_BENCH_DOCS=20000 npm run bench -- kb-search
 *
 * A fresh database is created, migrated, bulk-loaded with raw multi-row inserts and dropped at the
 * end. Measured: the search engine the API uses (ranked, with snippets; as an admin and as a
 * member filtered by readable roots) against the naive baseline, the same queries as a
 * `LIKE '%…%'` scan over titles and bodies ordered by recency. Target: p95 < 20 ms, ≥ 50× faster.
 */
import mysql from 'mysql2/promise';
import { openDatabase, type Database } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';
import { DatabaseSearchEngine, ENTRY_COLUMNS, POSTING_COLUMNS, entryRow, postingRows } from '../../server/src/modules/knowledge/search/database-engine';
import { benchServerUrl, percentile, report, round } from './_support';

const DOCS = Number(process.env.KB_BENCH_DOCS ?? 100_000);
const RUNS = Number(process.env.KB_BENCH_RUNS ?? 5);
const BATCH = 1000;

// Enterprise vocabulary, most frequent first (Zipf-like draw below), mixed into text made of
// everyday words built from common characters — so query words have realistic document
// frequencies: a few in a third of the documents, most in a few percent.
const TOPICS = (
  '学习 制度 培训 管理 员工 公司 工作 安全 流程 部门 规定 要求 考勤 报销 项目 客户 服务 质量 产品 系统 ' +
  '信息 数据 会议 通知 计划 目标 考核 绩效 财务 合同 采购 销售 市场 技术 研发 生产 设备 仓库 物流 人事 ' +
  '招聘 入职 离职 薪酬 福利 假期 加班 出差 差旅 审批 预算 成本 发票 税务 审计 合规 风险 法务 知识 文档 ' +
  '新员工 数据库 信息化 办公室 供应商 操作规程 绩效考核 信息安全 项目管理 客户服务 质量管理 安全生产 ' +
  '职业发展 企业文化 岗位职责 应急预案 消防安全 保密协议 财务报表 年度计划 团队建设 领导力 沟通技巧 时间管理'
).split(' ');
const ENGLISH = 'python excel okr kpi sql java office word ppt crm erp api cloud data report agile scrum linux docker git'.split(' ');
const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严'.split('');

// mulberry32: a small seeded generator, so every run generates the same corpus.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const zipf = <T>(list: T[], skew = 2.2) => list[Math.min(list.length - 1, Math.floor(list.length * rand() ** skew))];
const everyday = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => zipf(COMMON, 1.6)).join('');

const QUERIES = [
  '学习', '制度', '安全', '报销', '审计', '合规', '领导', '数据库', '新员工', '信息化', '领导力',
  '绩效考核', '信息安全', '项目管理', '应急预案', '保密协议', 'python', 'excel', 'okr', 'scrum',
  'Python 培训', 'OKR 绩效考核', 'excel 财务报表', 'sql 数据库', 'docker 安全',
];

function sentence(): string {
  const parts: string[] = [];
  const n = 5 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const r = rand();
    parts.push(r < 0.03 ? ` ${zipf(ENGLISH, 1.5)} ` : r < 0.3 ? zipf(TOPICS, 1.8) : everyday());
  }
  return parts.join('') + '。';
}

function makeDoc(i: number) {
  const title = `${zipf(TOPICS, 1.8)}${everyday()}${zipf(TOPICS, 1.8)}${rand() < 0.1 ? ` ${zipf(ENGLISH)}` : ''} 第${i}号`;
  const text = Array.from({ length: 2 + Math.floor(rand() * 3) }, sentence).join('\n');
  return { title, text };
}

async function insertRows(db: Database, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const q = (c: string) => db.dialect.quote(c);
  const row = `(${columns.map(() => '?').join(', ')})`;
  await db.raw.execute(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => row).join(', ')}`, rows.flat());
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

async function main() {
  const server = new URL(benchServerUrl());
  const name = process.env.KB_BENCH_KEEP ?? `qixue_bench_kb_${Date.now().toString(36)}`;
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), sqlitePath: '', poolSize: 4 });
  try {
    await migrate(db);
    const tenantId = 'cbenchtenant000000000000a';
    const spaceId = 'cbenchspace0000000000000a';
    const memberId = 'cbenchmember000000000000a';
    const now = new Date();
    await insertRows(db, 'Tenant', ['id', 'name', 'edition', 'status', 'createdAt', 'updatedAt'], [[tenantId, '基准企业', 'pro', 'active', now, now]]);
    await insertRows(db, 'KbSpace', ['id', 'tenantId', 'name', 'status', 'createdById', 'createdAt', 'updatedAt'], [[spaceId, tenantId, '制度库', 'active', memberId, now, now]]);
    // A second enterprise with the same content: its rows must never slow down or leak into the first's.
    const otherTenant = 'cbenchtenant000000000000b';

    // The postings' secondary index is built once after the bulk load (as a rebuild would).
    await db.raw.execute('ALTER TABLE KbSearchPosting DROP INDEX KbSearchPosting_tenantId_token_weight_idx');
    let postings = 0;
    const started = Date.now();
    let generated = 0;
    while (generated < DOCS) {
      const n = Math.min(BATCH, DOCS - generated);
      const nodes: unknown[][] = [];
      const entries: unknown[][] = [];
      const posts: unknown[][] = [];
      for (let k = 0; k < n; k++) {
        const i = generated + k;
        const id = `cbdoc${i.toString(36).padStart(20, '0')}`;
        const doc = makeDoc(i);
        const at = new Date(started - (DOCS - i) * 1000);
        const tenant = i % 10 === 9 ? otherTenant : tenantId;
        // One in ten documents belongs to the other enterprise and one folder of ours is closed to the member.
        const aclPath = i % 10 === 3 ? `/cbclosed/${id}/` : `/${spaceId}/${id}/`;
        nodes.push([id, tenant, spaceId, 'document', doc.title, `<p>${doc.text.replace(/\n/g, '</p><p>')}</p>`, `/${id}/`, aclPath, 'active', 1, memberId, at, at]);
        const searchDoc = { tenantId: tenant, nodeId: id, spaceId, aclPath, title: doc.title, text: doc.text };
        entries.push(entryRow(searchDoc, at));
        posts.push(...postingRows(searchDoc));
      }
      // Four writers at once (the pool's size): multi-row inserts of 2,000 rows each.
      const writes: (() => Promise<void>)[] = [
        () => insertRows(db, 'KbNode', ['id', 'tenantId', 'spaceId', 'kind', 'title', 'body', 'path', 'aclPath', 'status', 'revision', 'createdById', 'createdAt', 'updatedAt'], nodes),
        () => insertRows(db, 'KbSearchEntry', ENTRY_COLUMNS, entries),
      ];
      for (let p = 0; p < posts.length; p += 2000) writes.push(() => insertRows(db, 'KbSearchPosting', POSTING_COLUMNS, posts.slice(p, p + 2000)));
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let w = writes.shift(); w; w = writes.shift()) await w();
      }));
      postings += posts.length;
      generated += n;
      if (generated % 20_000 === 0) console.log(`loaded ${generated} documents (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    const loadSeconds = (Date.now() - started) / 1000;
    const indexStart = Date.now();
    await db.raw.execute('ALTER TABLE KbSearchPosting ADD INDEX KbSearchPosting_tenantId_token_weight_idx (tenantId, token, weight)');
    await db.raw.query('ANALYZE TABLE KbNode, KbSearchEntry, KbSearchPosting');
    const indexSeconds = (Date.now() - indexStart) / 1000;
    console.log(`loaded ${DOCS} documents (${postings} postings) in ${round(loadSeconds, 1)} s; index built in ${round(indexSeconds, 1)} s`);

    const engine = new DatabaseSearchEngine(db.raw, db.dialect);
    const searchAs = (query: string, roots: string[] | null) => engine.search({ tenantId, query, limit: 20, readableRoots: roots });
    for (const query of QUERIES) await searchAs(query, null); // warm-up

    const admin: number[] = [];
    const member: number[] = [];
    const found = new Map<string, number>();
    for (let run = 0; run < RUNS; run++) {
      for (const query of QUERIES) {
        const [ms, hits] = await time(() => searchAs(query, null));
        admin.push(ms);
        found.set(query, hits.length);
        const [ms2, memberHits] = await time(() => searchAs(query, [spaceId]));
        member.push(ms2);
        if (memberHits.some((h) => Number.parseInt(h.nodeId.slice(5), 36) % 10 === 3)) throw new Error(`member saw a closed document for ${query}`);
      }
    }
    if (process.env.KB_BENCH_VERBOSE) {
      for (const query of QUERIES) {
        const [ms, hits] = await time(() => searchAs(query, null));
        const words = query.split(/\s+/);
        const [df] = await db.raw.query<{ n: number }>(`SELECT COUNT(*) n FROM KbSearchEntry WHERE tenantId = ? AND ${words.map(() => 'plain LIKE ?').join(' AND ')}`, [tenantId, ...words.map((w) => `%${w}%`)]);
        console.log(`  ${query.padEnd(14)} ${round(ms).toString().padStart(7)} ms  ${hits.length} hits of ${df.n}`);
      }
    }
    const missing = QUERIES.filter((q) => !found.get(q));
    if (missing.length) console.log(`queries without results: ${missing.join(', ')}`);

    // Baseline: the same queries as a LIKE scan (every word must occur), newest first.
    const baseline: number[] = [];
    for (const query of QUERIES) {
      const words = query.split(/\s+/).filter(Boolean);
      const where = words.map(() => '(title LIKE ? OR body LIKE ?)').join(' AND ');
      const params = words.flatMap((w) => [`%${w}%`, `%${w}%`]);
      const sql = `SELECT id, title FROM KbNode WHERE tenantId = ? AND status = 'active' AND ${where} ORDER BY updatedAt DESC LIMIT 20`;
      const [ms] = await time(() => db.raw.query(sql, [tenantId, ...params]));
      baseline.push(ms);
    }

    const p50 = percentile(admin, 50);
    const p95 = percentile(admin, 95);
    const baseP50 = percentile(baseline, 50);
    const baseP95 = percentile(baseline, 95);
    console.log(`search (admin)        p50 ${round(p50)} ms  p95 ${round(p95)} ms  over ${admin.length} searches`);
    console.log(`search (member, ACL)  p50 ${round(percentile(member, 50))} ms  p95 ${round(percentile(member, 95))} ms`);
    console.log(`LIKE '%…%' scan       p50 ${round(baseP50)} ms  p95 ${round(baseP95)} ms  over ${baseline.length} queries`);
    console.log(`ratio (p50)           ${round(baseP50 / p50, 1)}×`);
    report('kb-search', {
      documents: DOCS,
      queries: QUERIES.length,
      p50_ms: round(p50),
      p95_ms: round(p95),
      member_p50_ms: round(percentile(member, 50)),
      member_p95_ms: round(percentile(member, 95)),
      postings,
      load_s: round(loadSeconds, 1),
      index_build_s: round(indexSeconds, 1),
      baseline: { kind: "LIKE '%…%' scan, newest first", p50_ms: round(baseP50), p95_ms: round(baseP95) },
      ratio: round(baseP50 / p50, 1),
      ratio_p95: round(baseP95 / p95, 1),
      target: { p95_ms: 20, ratio: 50 },
    });
  } finally {
    await db.close();
    if (!process.env.KB_BENCH_KEEP) {
      const admin = await mysql.createConnection(server.toString());
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
