/** The search engine a deployment uses. Today the database engine; the seam for OpenSearch later. */
import type { AppDeps } from '../../../core/context';
import { onePer } from '../../../core/one-per';
import { DatabaseSearchEngine } from './database-engine';
import type { SearchEngine } from './engine';

export const searchEngine = onePer((deps: AppDeps): SearchEngine => new DatabaseSearchEngine(deps.db.raw, deps.db.dialect));
