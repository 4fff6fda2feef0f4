/** @module Builds the BM25 search index from the `pages` table and stores it in the same DuckDB file. */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { LoaderError } from "../errors.ts";
import { refuseIfServed } from "../store/corpus-holders.ts";
import { readMeta } from "../store/open-corpus.ts";
import { indexBytes, type SearchIndex } from "../../env/search/index.ts";
import { collectPostings } from "./collect-postings.ts";
import { DEFAULT_TIERS, encodePostings, postingArrays, type TierOptions } from "./impact-encoder.ts";
import { writeIndex } from "./index-writer.ts";

/** Options of `buildIndex`. Defaults: stem true, k1 1.2, b 0.75, titleBoost 2, workers min(2, cores). */
export interface BuildIndexOptions {
  /** Porter stemming (recorded in `meta` as `index.stem`; queries follow it). */
  stem?: boolean;
  k1?: number;
  b?: number;
  /** Integer 1..10: a title token counts as this many body tokens (BM25F with one length). */
  titleBoost?: number;
  /** Impact tiering of frequent terms (default `DEFAULT_TIERS`; `{ minDf: 0, fractions: [] }` turns it off). */
  tiers?: TierOptions;
  /** Tokeniser threads, 1..16: 1 tokenises on the calling thread; the index is the same either way. */
  workers?: number;
  /** Called every ~50k pages with the pages read so far. */
  onProgress?: (pages: number) => void;
}

/** What a build did, with its size figures. */
export interface IndexBuildStats {
  /** Pages indexed. */
  pages: number;
  /** Pages skipped (noindex or status ≥ 300). */
  skipped: number;
  terms: number;
  postings: number;
  blocks: number;
  /** Tokens indexed (after stopwords), title and body. */
  tokens: number;
  /** Bytes of the in-memory index (arrays + term dictionary estimate). */
  indexBytes: number;
  bytesPerPosting: number;
  bytesPerPage: number;
  /** Bytes written to `index_blobs`. */
  storedBytes: number;
  tokenizeMs: number;
  buildMs: number;
}

/** Default tokeniser threads: the build's other work is small, so more than two gain little. */
function defaultWorkers(): number {
  return Math.min(2, availableParallelism());
}

function checkOptions(opts: BuildIndexOptions): { stem: boolean; k1: number; b: number; titleBoost: number; workers: number } {
  const o = { stem: opts.stem ?? true, k1: opts.k1 ?? 1.2, b: opts.b ?? 0.75, titleBoost: opts.titleBoost ?? 2, workers: opts.workers ?? defaultWorkers() };
  if (!(o.k1 >= 0 && o.k1 <= 10)) throw new LoaderError("BAD_INPUT", `k1 must be in [0, 10], got ${o.k1}`);
  if (!(o.b >= 0 && o.b <= 1)) throw new LoaderError("BAD_INPUT", `b must be in [0, 1], got ${o.b}`);
  if (!Number.isInteger(o.titleBoost) || o.titleBoost < 1 || o.titleBoost > 10) {
    throw new LoaderError("BAD_INPUT", `titleBoost must be an integer in [1, 10], got ${o.titleBoost}`);
  }
  if (!Number.isInteger(o.workers) || o.workers < 1 || o.workers > 16) {
    throw new LoaderError("BAD_INPUT", `workers must be an integer in [1, 16], got ${o.workers}`);
  }
  return o;
}

/**
 * Builds the index over an open connection (see `buildIndex`).
 */
export async function buildIndexOn(conn: DuckDBConnection, opts: BuildIndexOptions = {}): Promise<IndexBuildStats> {
  const o = checkOptions(opts);
  const t0 = performance.now();
  const tables = await conn.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('pages', 'meta')`);
  if (tables.getRowObjectsJS().length < 2) {
    throw new LoaderError("SCHEMA_MISMATCH", "the database has no pages/meta tables: not a simweb corpus");
  }
  const span = (await conn.runAndReadAll(`SELECT coalesce(max(id) + 1, 0) AS n, count(*) AS c FROM pages`)).getRowObjectsJS()[0];
  const docSpan = Number(span?.n ?? 0);
  const total = Number(span?.c ?? 0);
  const { builder, docHost, docLen, hosts, pages, tokenizeMs } = await collectPostings(conn, docSpan, {
    stem: o.stem,
    titleBoost: o.titleBoost,
    workers: o.workers,
    onProgress: opts.onProgress,
  });
  let sumLen = 0;
  for (let d = 0; d < docSpan; d++) sumLen += docLen[d] as number;
  const avgdl = pages > 0 ? Math.max(sumLen / pages, 1e-9) : 1;
  const docNorm = new Float64Array(docSpan);
  for (let d = 0; d < docSpan; d++) docNorm[d] = o.k1 * (1 - o.b + (o.b * (docLen[d] as number)) / avgdl);
  const enc = encodePostings(builder.invert(), docNorm, pages, opts.tiers ?? DEFAULT_TIERS);
  const loads = Number((await readMeta(conn, "loads")) ?? 0);
  const index: SearchIndex = {
    params: { k1: o.k1, b: o.b, titleBoost: o.titleBoost, stem: o.stem, unit: enc.unit, avgdl },
    docSpan,
    docCount: pages,
    loads: { atBuild: loads, now: loads },
    terms: builder.terms,
    ...postingArrays(enc),
    docHost,
    hosts,
  };
  const storedBytes = await writeIndex(conn, index);
  const bytes = indexBytes(index);
  const postings = builder.postings;
  return {
    pages,
    skipped: total - pages,
    terms: builder.terms.size,
    postings,
    blocks: enc.blockLast.length,
    tokens: builder.tokens,
    indexBytes: bytes,
    bytesPerPosting: postings > 0 ? bytes / postings : 0,
    bytesPerPage: pages > 0 ? bytes / pages : 0,
    storedBytes,
    tokenizeMs,
    buildMs: performance.now() - t0,
  };
}

/**
 * Builds (or rebuilds: the old index is dropped) the search index of a corpus file. Pages with
 * `noindex` or status ≥ 300 are skipped. After pages were added, run it again.
 * @example
 * const stats = await buildIndex("corpus.duckdb", { stem: true });
 * console.log(stats.pages, stats.bytesPerPage);
 */
export async function buildIndex(dbPath: string, opts: BuildIndexOptions = {}): Promise<IndexBuildStats> {
  checkOptions(opts);
  if (!existsSync(dbPath)) throw new LoaderError("FILE_NOT_FOUND", `corpus file not found: ${dbPath}`);
  refuseIfServed(dbPath, "index");
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  try {
    return await buildIndexOn(conn, opts);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
