/** @module Streams the indexable pages out of DuckDB and counts their terms into a PostingsBuilder, inline or on worker threads. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { FIELD_NAMES, NO_HOST } from "../../env/search/index.ts";
import { PostingsBuilder } from "./postings-builder.ts";
import { FIELD_COUNT, TermCounter, type TermBatch } from "./term-counter.ts";
import { TokenizePool } from "./tokenize-pool.ts";
import { urlWords } from "./url-words.ts";

/** Options of `collectPostings`. */
export interface CollectOptions {
  stem: boolean;
  /** Which fields (in `FIELD_NAMES` order) are read and counted; the others stay empty. */
  fields: readonly boolean[];
  /** 1: tokenise on this thread; n > 1: on n worker threads (same result, byte for byte). */
  workers: number;
  onProgress?: ((pages: number) => void) | undefined;
  /** Pages per piece of work (default: one DuckDB chunk, 2048 rows); tests use small pieces. */
  chunkPages?: number;
}

/** The counted pages, ready for inversion. */
export interface CollectedPages {
  /** Global term ids in first-seen order over the pages in id order, as a single-threaded count. */
  builder: PostingsBuilder;
  /** Host id of each doc id (`NO_HOST` for ids not indexed). */
  docHost: Uint32Array;
  /** Tokens of each field of each doc id: doc d, field f at `d × FIELD_COUNT + f`. */
  docFieldLen: Uint32Array;
  /** Host id → host name. */
  hosts: string[];
  /** Pages indexed. */
  pages: number;
  /** Wall time of the read + tokenise loop. */
  tokenizeMs: number;
}

/**
 * The indexable pages in id order with the anchor text of their in-links (one line per distinct
 * linking page and anchor, self-links left out, in source id order); `headings` is read as "" from
 * files written before the column existed.
 */
function pagesSql(hasHeadings: boolean, withAnchors: boolean): string {
  const anchors = withAnchors
    ? `LEFT JOIN (SELECT dst_id, string_agg(anchor, chr(10) ORDER BY src_id, anchor) AS anchors
         FROM (SELECT DISTINCT src_id, dst_id, anchor FROM links WHERE dst_id IS NOT NULL AND dst_id <> src_id AND anchor <> '')
         GROUP BY dst_id) a ON a.dst_id = p.id`
    : "";
  return `SELECT p.id, p.host, p.url, p.title, ${hasHeadings ? "p.headings" : "''"} AS headings, ${withAnchors ? "coalesce(a.anchors, '')" : "''"} AS anchors, p.text
    FROM pages p ${anchors} WHERE NOT p.noindex AND p.status < 300 ORDER BY p.id`;
}

async function hasColumn(conn: DuckDBConnection, table: string, column: string): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`, [table, column]);
  return r.getRowObjectsJS().length > 0;
}

/** Chunks in flight per worker: one being counted, one queued behind it. */
const IN_FLIGHT_PER_WORKER = 2;

interface Pending {
  ids: number[];
  source: number;
  batch: Promise<TermBatch>;
}

/**
 * Reads `pages` (indexable rows, id order) and fills a PostingsBuilder. With workers, DuckDB chunks
 * go round-robin to the workers; each worker numbers terms in its own first-seen order, and this
 * thread merges the batches back in chunk order, mapping each worker's new terms to global ids in
 * the order they appear. A term new to the corpus in a chunk is new to that chunk's worker too, and
 * a worker lists its new terms in first-seen order within the chunk, so the global ids (and so the
 * whole index) equal those of a single-threaded build.
 */
export async function collectPostings(conn: DuckDBConnection, docSpan: number, o: CollectOptions): Promise<CollectedPages> {
  const t0 = performance.now();
  const docHost = new Uint32Array(docSpan).fill(NO_HOST);
  const docFieldLen = new Uint32Array(docSpan * FIELD_COUNT);
  const hostIds = new Map<string, number>();
  const builder = new PostingsBuilder();
  const remaps: Uint32Array[] = [];
  let pages = 0;

  const merge = (ids: readonly number[], source: number, b: TermBatch): void => {
    let remap = remaps[source] ?? new Uint32Array(1024);
    const need = b.termBase + b.newTerms.length;
    if (need > remap.length) {
      const grown = new Uint32Array(Math.max(need, remap.length * 2));
      grown.set(remap);
      remap = grown;
    }
    remaps[source] = remap;
    for (let i = 0; i < b.newTerms.length; i++) remap[b.termBase + i] = builder.intern(b.newTerms[i] as string);
    let from = 0;
    for (let r = 0; r < ids.length; r++) {
      const id = ids[r] as number;
      const to = b.docPairEnd[r] as number;
      builder.addPairs(id, b.pairTerm, b.pairTf, b.pairSmall, from, to, remap);
      docFieldLen.set(b.docFieldLen.subarray(r * FIELD_COUNT, (r + 1) * FIELD_COUNT), id * FIELD_COUNT);
      from = to;
      pages++;
      if (o.onProgress && pages % 50_000 === 0) o.onProgress(pages);
    }
    builder.tokens += b.tokens;
  };

  const pool = o.workers > 1 ? new TokenizePool(o.workers, { stem: o.stem }) : null;
  const inline = pool === null ? new TermCounter({ stem: o.stem }) : null;
  const pending: Pending[] = [];
  let next = 0;
  const step = o.chunkPages ?? 2048;
  const use = FIELD_NAMES.map((_, f) => o.fields[f] === true);
  const [useTitle, useHeadings, useAnchors, useUrl, useBody] = use;
  try {
    const result = await conn.stream(pagesSql(await hasColumn(conn, "pages", "headings"), useAnchors === true));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const cols = chunk.getColumns();
      const rowIds = cols[0] as number[];
      const rowHosts = cols[1] as string[];
      const rowUrls = cols[2] as string[];
      const rowTitles = cols[3] as string[];
      const rowHeadings = cols[4] as string[];
      const rowAnchors = cols[5] as string[];
      const rowTexts = cols[6] as string[];
      const ids: number[] = [];
      const fields: string[][] = FIELD_NAMES.map(() => []);
      for (let r = 0; r < chunk.rowCount; r++) {
        const id = rowIds[r] as number;
        if (!Number.isInteger(id) || id < 0 || id >= docSpan) continue;
        const host = rowHosts[r] as string;
        let h = hostIds.get(host);
        if (h === undefined) {
          h = hostIds.size;
          hostIds.set(host, h);
        }
        docHost[id] = h;
        ids.push(id);
        (fields[0] as string[]).push(useTitle ? (rowTitles[r] ?? "") : "");
        (fields[1] as string[]).push(useHeadings ? (rowHeadings[r] ?? "") : "");
        (fields[2] as string[]).push(useAnchors ? (rowAnchors[r] ?? "") : "");
        (fields[3] as string[]).push(useUrl ? urlWords(rowUrls[r] ?? "") : "");
        (fields[4] as string[]).push(useBody ? (rowTexts[r] ?? "") : "");
      }
      for (let a = 0; a < ids.length; a += step) {
        const pieceIds = ids.slice(a, a + step);
        const piece = fields.map((f) => f.slice(a, a + step));
        if (inline !== null) {
          for (let i = 0; i < pieceIds.length; i++) {
            for (let f = 0; f < FIELD_COUNT; f++) inline.addField((piece[f] as string[])[i] as string, f);
            inline.endDoc();
          }
          merge(pieceIds, 0, inline.takeBatch());
          continue;
        }
        const p: Pending = { ids: pieceIds, source: next, batch: (pool as TokenizePool).submit(next, piece) };
        p.batch.catch(() => undefined); // awaited below, in order; this only marks it handled
        pending.push(p);
        next = (next + 1) % o.workers;
        while (pending.length >= IN_FLIGHT_PER_WORKER * o.workers) {
          const q = pending.shift() as Pending;
          merge(q.ids, q.source, await q.batch);
        }
      }
    }
    for (const q of pending.splice(0)) merge(q.ids, q.source, await q.batch);
  } finally {
    await pool?.close();
  }
  return { builder, docHost, docFieldLen, hosts: [...hostIds.keys()], pages, tokenizeMs: performance.now() - t0 };
}
