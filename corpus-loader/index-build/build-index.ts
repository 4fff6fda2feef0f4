/** @module Builds the BM25F search index from the `pages` and `links` tables and stores it in the same DuckDB file. */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { LoaderError } from "../errors.ts";
import { refuseIfServed } from "../store/corpus-holders.ts";
import { readMeta } from "../store/open-corpus.ts";
import { DEFAULT_FIELDS, FieldSpecError, checkFields, fieldsInOrder, indexBytes, type FieldSpec, type SearchIndex } from "../../env/search/index.ts";
import { collectPostings } from "./collect-postings.ts";
import { fieldNorms } from "./field-norms.ts";
import { DEFAULT_TIERS, encodePostings, postingArrays, type TierOptions } from "./impact-encoder.ts";
import { writeIndex } from "./index-writer.ts";

/** Options of `buildIndex`. Defaults: stem true, k1 1.2, fields `DEFAULT_FIELDS`, workers min(2, cores). */
export interface BuildIndexOptions {
  /** Porter stemming (recorded in `meta` as `index.stem`; queries follow it). */
  stem?: boolean;
  /** BM25F saturation, 0..10 (default 1.2). */
  k1?: number;
  /**
   * Field weights and per-field b (BM25F); fields left out get weight 0 and are not indexed.
   * Default `DEFAULT_FIELDS` (see `parseFieldSpec` for the `--fields` text form).
   */
  fields?: readonly FieldSpec[];
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
  /** Tokens indexed (after stopwords), all fields. */
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

function checkOptions(opts: BuildIndexOptions): { stem: boolean; k1: number; fields: FieldSpec[]; workers: number } {
  const o = { stem: opts.stem ?? true, k1: opts.k1 ?? 1.2, fields: fieldsInOrder(opts.fields ?? DEFAULT_FIELDS), workers: opts.workers ?? defaultWorkers() };
  if (!(o.k1 > 0 && o.k1 <= 10)) throw new LoaderError("BAD_INPUT", `k1 must be in (0, 10], got ${o.k1}`);
  try {
    checkFields(o.fields);
  } catch (err) {
    if (err instanceof FieldSpecError) throw new LoaderError("BAD_INPUT", err.message, { cause: err });
    throw err;
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
  const { builder, docHost, docFieldLen, hosts, pages, tokenizeMs } = await collectPostings(conn, docSpan, {
    stem: o.stem,
    fields: o.fields.map((f) => f.weight > 0),
    workers: o.workers,
    onProgress: opts.onProgress,
  });
  const norms = fieldNorms(docFieldLen, docSpan, pages, o.fields);
  const enc = encodePostings(builder.invert(), norms.norm, o.k1, pages, opts.tiers ?? DEFAULT_TIERS);
  const loads = Number((await readMeta(conn, "loads")) ?? 0);
  const index: SearchIndex = {
    params: { k1: o.k1, fields: norms.fields, stem: o.stem, unit: enc.unit },
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
