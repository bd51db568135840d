/**
 * The SQLite adapter, with one change: while a transaction is open, queries outside it wait.
 *
 * The embedded database is one better-sqlite3 connection shared by every request. The Prisma
 * adapter queues transactions behind each other but not the other queries, and a transaction's
 * BEGIN … COMMIT spans several awaits: another request's query in between would run inside the
 * transaction, be rolled back with it, or be lost with it uncommitted if the process dies — after
 * its own request had been answered.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

type SqlAdapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;

export class PrismaSqliteOneConnection extends PrismaBetterSqlite3 {
  override async connect(): Promise<SqlAdapter> {
    return waitForTransactions(await super.connect());
  }
}

function waitForTransactions(adapter: SqlAdapter): SqlAdapter {
  let open: Promise<void> | null = null;
  // No await between the last check and the call: better-sqlite3 runs the statement synchronously.
  const outside =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      while (open) await open;
      return run(...args);
    };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: outside((query) => adapter.queryRaw(query)),
    executeRaw: outside((query) => adapter.executeRaw(query)),
    executeScript: outside((script) => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo && (() => adapter.getConnectionInfo!()),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      while (open) await open;
      let ended = false;
      let resolve!: () => void;
      open = new Promise((r) => (resolve = r));
      const end = () => {
        if (ended) return;
        ended = true;
        open = null;
        resolve();
      };
      try {
        const tx = await adapter.startTransaction(isolationLevel);
        const commit = tx.commit.bind(tx);
        const rollback = tx.rollback.bind(tx);
        tx.commit = () => commit().finally(end);
        tx.rollback = () => rollback().finally(end);
        return tx;
      } catch (error) {
        end();
        throw error;
      }
    },
  };
}
