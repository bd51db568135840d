/** The search engine a deployment uses. Today the database engine; the seam for OpenSearch later. */
import type { AppDeps } from '../../../core/context';
import { DatabaseSearchEngine } from './database-engine';
import type { SearchEngine } from './engine';

const engines = new WeakMap<AppDeps, SearchEngine>();

export function searchEngine(deps: AppDeps): SearchEngine {
  let engine = engines.get(deps);
  if (!engine) {
    engine = new DatabaseSearchEngine(deps.db.raw, deps.db.dialect);
    engines.set(deps, engine);
  }
  return engine;
}
