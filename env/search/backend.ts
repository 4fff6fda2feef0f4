/** @module The pluggable search backend contract and its request/response shapes. */

/** Options of one search call. */
export interface SearchOptions {
  /** Results per page, 0..MAX_K (default 10). */
  k?: number;
  /** Results to skip (paging), 0..MAX_OFFSET (default 0). */
  offset?: number;
  /** Build snippets (default true). */
  snippets?: boolean;
  /** Add each result's best-matching passage (~100 words, `SearchResult.passage`) (default false). */
  passages?: boolean;
  /**
   * Work budget of the top-k run in postings touched (default: the engine's, `DEFAULT_WORK_BUDGET`;
   * 0 for none). Work, not time, so a cut query is cut the same way on every run. When it is spent the
   * engine stops with the best results found so far (`partial: true`) or, with `onDeadline: "error"`,
   * throws `SearchError` `DEADLINE`.
   */
  workBudget?: number;
  onDeadline?: "partial" | "error";
}

/** One ranked result. */
export interface SearchResult {
  /** 1-based rank over the whole result list (offset included). */
  rank: number;
  pageId: number;
  url: string;
  title: string;
  /** ≤ ~300 chars, matched terms wrapped in `**…**` ("" when snippets are off). */
  snippet: string;
  /** BM25 score (quantised impacts × unit; equal scores are ordered by page id). */
  score: number;
  /** The page's best-matching ~100-word passage (only with `passages: true`). */
  passage?: string;
}

/** The answer to one query. */
export interface SearchResponse {
  query: string;
  /** Number of matching pages: exact when `totalExact`, else an estimate (see README). */
  total: number;
  totalExact: boolean;
  results: SearchResult[];
  /** Wall time of this call in milliseconds (not part of any seeded output). */
  tookMs: number;
  /** True when served from the result cache. */
  cached: boolean;
  /** True when the time budget stopped the search: the best results found so far, maybe not the top k (never cached). */
  partial?: boolean;
}

/** Size and cache figures of a backend. */
export interface SearchStats {
  /** Pages indexed (searchable). */
  pages: number;
  /** Page ids the index was built over (0..docSpan-1): the corpus's page count at the last index build. */
  docSpan: number;
  terms: number;
  postings: number;
  blocks: number;
  indexBytes: number;
  bytesPerPosting: number;
  bytesPerPage: number;
  cache: { hits: number; misses: number; size: number; capacity: number };
  params: Record<string, string | number | boolean>;
}

/**
 * What the environment codes against. `SearchEngine` answers synchronously; a remote backend
 * (OpenSearch, Elasticsearch) may return a promise, so callers should `await` the result.
 */
export interface SearchBackend {
  search(query: string, opts?: SearchOptions): SearchResponse | Promise<SearchResponse>;
  stats(): SearchStats;
}
