/** @module The in-memory BM25 search engine: load once from DuckDB, then answer queries synchronously. */
import { existsSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { SearchBackend, SearchOptions, SearchResponse, SearchResult, SearchStats } from "./backend.ts";
import { topKMaxScore, type DocVerifier } from "./block-max-maxscore.ts";
import { Deadline, DEFAULT_WORK_BUDGET } from "./deadline.ts";
import { SearchError } from "./errors.ts";
import { exhaustiveTopK } from "./exhaustive.ts";
import { formatFieldSpec } from "./index-fields.ts";
import { NO_HOST, indexBytes, postingCount, type SearchIndex } from "./index-format.ts";
import { loadIndex } from "./index-loader.ts";
import { LruCache } from "./lru-cache.ts";
import { hasPhrases } from "./phrase.ts";
import { planQuery, type QueryPlan } from "./query-plan.ts";
import { parseQuery, type ParsedQuery } from "./query-parser.ts";
import { bestPassage } from "./passage.ts";
import { makeSnippet } from "./snippet.ts";
import { MemoryTextSource, type TextSource } from "./text-source.ts";
import type { Hit } from "./top-k-heap.ts";

/** Largest `k`. */
export const MAX_K = 100;
/** Largest `offset` (deeper paging is refused with `BAD_OPTION`). */
export const MAX_OFFSET = 1000;

/** Options of `SearchEngine.load`. */
export interface LoadOptions {
  /** Page text for results/snippets/phrases; default: all url/title/text loaded from the file. */
  textSource?: TextSource;
  /** Result cache entries (default 1024; 0 disables). */
  cacheSize?: number;
  /** Work budget (postings) of every search unless its options give one (default `DEFAULT_WORK_BUDGET`; 0 for none). */
  workBudget?: number;
}

/**
 * BM25 search over the corpus index, with block-max MaxScore top-k, phrases, site filters,
 * snippets and an LRU result cache.
 * @example
 * const engine = await SearchEngine.load("corpus.duckdb");
 * const res = engine.search('"binary search" site:docs.example.com', { k: 10 });
 */
export class SearchEngine implements SearchBackend {
  readonly index: SearchIndex;
  readonly pages: TextSource;
  private readonly cache: LruCache<SearchResponse>;
  private readonly masks = new Map<string, Uint8Array>();
  private readonly hostDocs: Uint32Array;
  private readonly bytes: number;
  private readonly postings: number;
  /** Time budget of a search whose options give none (ms; 0 for none). */
  workBudget: number;

  constructor(index: SearchIndex, pages: TextSource, cacheSize = 1024, workBudget = DEFAULT_WORK_BUDGET) {
    this.index = index;
    this.workBudget = workBudget;
    this.pages = pages;
    this.cache = new LruCache(cacheSize);
    this.hostDocs = new Uint32Array(index.hosts.length);
    for (const h of index.docHost) if (h !== NO_HOST) this.hostDocs[h] = (this.hostDocs[h] as number) + 1;
    this.bytes = indexBytes(index);
    this.postings = postingCount(index);
  }

  /**
   * Loads the index (and, unless given, the page texts) from a corpus file path or an open
   * connection. Throws `SearchError` `INDEX_MISSING` / `INDEX_VERSION` / `INDEX_CORRUPT` / `DB_ERROR`.
   */
  static async load(source: string | DuckDBConnection, opts: LoadOptions = {}): Promise<SearchEngine> {
    if (typeof source !== "string") {
      const index = await loadIndex(source);
      const pages = opts.textSource ?? (await MemoryTextSource.fromDuckDB(source));
      return new SearchEngine(index, pages, opts.cacheSize, opts.workBudget);
    }
    if (!existsSync(source)) throw new SearchError("INDEX_MISSING", `corpus file not found: ${source}`);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(source, { access_mode: "READ_ONLY" });
    } catch (err) {
      throw new SearchError("DB_ERROR", `cannot open ${source}: ${(err as Error).message}`, { cause: err });
    }
    const conn = await instance.connect();
    try {
      return await SearchEngine.load(conn, opts);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }

  /** Parses a query with this index's tokeniser settings. */
  parse(query: string): ParsedQuery {
    return parseQuery(query, { stem: this.index.params.stem });
  }

  /** Plans a parsed query against this index. */
  plan(parsed: ParsedQuery): QueryPlan {
    return planQuery(this.index, parsed, this.masks);
  }

  /** Phrase check over the text source, or null when the plan has no phrases. */
  verifier(plan: QueryPlan): DocVerifier | null {
    if (plan.phrases.length === 0) return null;
    const opts = { stem: this.index.params.stem };
    return (doc) => hasPhrases(this.pages.title(doc), this.pages.text(doc), plan.phrases, opts);
  }

  /**
   * Answers a query: the `k` results from `offset`, best first (ties by lower page id). Empty or
   * stopword-only queries return no results. Throws `BAD_QUERY` for a non-string query,
   * `BAD_OPTION` for k/offset out of range, and `DEADLINE` when the budget ran out with `onDeadline: "error"`.
   */
  search(query: string, opts: SearchOptions = {}): SearchResponse {
    const t0 = performance.now();
    if (typeof query !== "string") throw new SearchError("BAD_QUERY", `query must be a string, got ${typeof query}`);
    const k = opts.k ?? 10;
    const offset = opts.offset ?? 0;
    if (!Number.isInteger(k) || k < 0 || k > MAX_K) throw new SearchError("BAD_OPTION", `k must be an integer in [0, ${MAX_K}], got ${k}`);
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
      throw new SearchError("BAD_OPTION", `offset must be an integer in [0, ${MAX_OFFSET}], got ${offset}`);
    }
    const snippets = opts.snippets ?? true;
    const passages = opts.passages ?? false;
    const budget = opts.workBudget ?? this.workBudget;
    if (typeof budget !== "number" || !(budget >= 0)) throw new SearchError("BAD_OPTION", `workBudget must be a number ≥ 0, got ${budget}`);
    const parsed = this.parse(query);
    const key = `${parsed.key}|${k}|${offset}|${snippets}|${passages}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return { ...hit, query, cached: true, tookMs: performance.now() - t0 };
    const plan = this.plan(parsed);
    const deadline = budget > 0 && Number.isFinite(budget) ? new Deadline(budget) : null;
    const { hits, total, exact, partial } = this.rank(plan, k, offset, deadline);
    if (partial && opts.onDeadline === "error") {
      throw new SearchError("DEADLINE", `the search spent its work budget of ${budget} postings (${hits.length} results found so far)`);
    }
    const unit = this.index.params.unit;
    const topts = { stem: this.index.params.stem };
    const weights = passages ? this.termWeights(parsed.terms) : undefined;
    const results = hits.map((h, i) => {
      const r: SearchResult = {
        rank: offset + i + 1,
        pageId: h.doc,
        url: this.pages.url(h.doc),
        title: this.pages.title(h.doc),
        snippet: snippets ? makeSnippet(this.pages.text(h.doc), parsed.terms, topts) : "",
        score: h.score * unit,
      };
      if (passages) r.passage = bestPassage(this.pages.text(h.doc), parsed.terms, topts, weights);
      return r;
    });
    const res: SearchResponse = { query, total, totalExact: exact, results, tookMs: 0, cached: false };
    if (partial) res.partial = true;
    else this.cache.set(key, res);
    return { ...res, tookMs: performance.now() - t0 };
  }

  /** Each term's BM25 idf, the weight of its matches when choosing a passage. */
  termWeights(terms: readonly string[]): number[] {
    const n = this.index.docCount;
    return terms.map((t) => {
      const id = this.index.terms.get(t);
      const df = id === undefined ? 0 : (this.index.termDf[id] as number);
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
  }

  /**
   * Top hits of a plan, with the total (exact when every match was seen, else an estimate) and
   * `partial` when `deadline` stopped the run (the best hits found so far).
   */
  rank(plan: QueryPlan, k: number, offset: number, deadline: Deadline | null = null): { hits: Hit[]; total: number; exact: boolean; partial: boolean } {
    if (plan.impossible) return { hits: [], total: 0, exact: true, partial: false };
    if (plan.siteOnly) {
      const r = exhaustiveTopK(this.index, plan, k, offset, null);
      return { hits: r.hits, total: r.total, exact: true, partial: false };
    }
    const want = offset + k;
    const { hits, partial } = topKMaxScore(this.index, plan, want, this.verifier(plan), deadline);
    if (hits.length < want && !partial) return { hits: hits.slice(offset), total: hits.length, exact: true, partial };
    return { hits: hits.slice(offset), total: Math.max(hits.length, want, this.estimateTotal(plan)), exact: false, partial };
  }

  private estimateTotal(plan: QueryPlan): number {
    const n = Math.max(this.index.docCount, 1);
    const df = (t: number): number => (this.index.termDf[t] as number) / n;
    let frac: number;
    if (plan.required.length > 0) {
      frac = 1;
      for (const t of plan.required) frac *= df(t);
    } else {
      let none = 1;
      for (const t of plan.scoring) none *= 1 - df(t);
      frac = 1 - none;
    }
    if (plan.hostOk !== null) {
      let allowed = 0;
      for (let h = 0; h < plan.hostOk.length; h++) if (plan.hostOk[h] === 1) allowed += this.hostDocs[h] as number;
      frac *= allowed / n;
    }
    return Math.round(frac * n);
  }

  /** Index size and cache figures. */
  stats(): SearchStats {
    const p = this.index.params;
    return {
      pages: this.index.docCount,
      docSpan: this.index.docSpan,
      terms: this.index.terms.size,
      postings: this.postings,
      blocks: this.index.blockLast.length,
      indexBytes: this.bytes,
      bytesPerPosting: this.postings > 0 ? this.bytes / this.postings : 0,
      bytesPerPage: this.index.docCount > 0 ? this.bytes / this.index.docCount : 0,
      cache: { hits: this.cache.hits, misses: this.cache.misses, size: this.cache.size, capacity: this.cache.capacity },
      params: { k1: p.k1, fields: formatFieldSpec(p.fields), stem: p.stem, unit: p.unit },
    };
  }
}
