/**
 * The search engine behind knowledge-base search. The database implementation
 * (database-engine.ts) serves MySQL 8, MariaDB and SQLite; a dedicated engine (OpenSearch,
 * Elasticsearch) can implement the same interface when an enterprise outgrows the database.
 *
 * Permission filtering is part of the contract: the engine receives the ids of the spaces and
 * nodes whose grants let the member read, and returns only documents whose aclPath contains one.
 */
export interface SearchDocument {
  tenantId: string;
  nodeId: string;
  spaceId: string;
  aclPath: string;
  title: string;
  /** The document's readable text (no markup). */
  text: string;
}

export interface SearchRequest {
  tenantId: string;
  query: string;
  limit: number;
  spaceId?: string;
  /** null: everything in the enterprise (admins); otherwise the readable roots (may be empty). */
  readableRoots: string[] | null;
}

export interface SearchHit {
  nodeId: string;
  spaceId: string;
  title: string;
  score: number;
  /** HTML-escaped, with the matches in <mark>. */
  titleHighlight: string;
  snippet: string;
}

export interface SearchEngine {
  index(doc: SearchDocument): Promise<void>;
  remove(tenantId: string, nodeIds: string[]): Promise<void>;
  /** A subtree moved or its inheritance changed: new space and aclPath per node. */
  relocate(tenantId: string, nodes: { nodeId: string; spaceId: string; aclPath: string }[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchHit[]>;
}
