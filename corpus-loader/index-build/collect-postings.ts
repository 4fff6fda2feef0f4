/** @module Streams the indexable pages out of DuckDB and counts their terms into a PostingsBuilder, inline or on worker threads. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { NO_HOST } from "../../env/search/index.ts";
import { PostingsBuilder } from "./postings-builder.ts";
import { TermCounter, type TermBatch } from "./term-counter.ts";
import { TokenizePool } from "./tokenize-pool.ts";

/** Options of `collectPostings`. */
export interface CollectOptions {
  stem: boolean;
  titleBoost: number;
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
  /** Weighted length of each doc id. */
  docLen: Float64Array;
  /** Host id → host name. */
  hosts: string[];
  /** Pages indexed. */
  pages: number;
  /** Wall time of the read + tokenise loop. */
  tokenizeMs: number;
}

const PAGES_SQL = `SELECT id, host, title, text FROM pages WHERE NOT noindex AND status < 300 ORDER BY id`;

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
  const docLen = new Float64Array(docSpan);
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
      builder.addPairs(id, b.pairTerm, b.pairTf, from, to, remap);
      docLen[id] = b.docLen[r] as number;
      from = to;
      pages++;
      if (o.onProgress && pages % 50_000 === 0) o.onProgress(pages);
    }
    builder.tokens += b.tokens;
  };

  const pool = o.workers > 1 ? new TokenizePool(o.workers, { stem: o.stem, titleBoost: o.titleBoost }) : null;
  const inline = pool === null ? new TermCounter({ stem: o.stem }) : null;
  const pending: Pending[] = [];
  let next = 0;
  const step = o.chunkPages ?? 2048;
  try {
    const result = await conn.stream(PAGES_SQL);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const cols = chunk.getColumns();
      const rowIds = cols[0] as number[];
      const rowHosts = cols[1] as string[];
      const rowTitles = cols[2] as string[];
      const rowTexts = cols[3] as string[];
      const ids: number[] = [];
      const titles: string[] = [];
      const texts: string[] = [];
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
        titles.push(rowTitles[r] ?? "");
        texts.push(rowTexts[r] ?? "");
      }
      for (let a = 0; a < ids.length; a += step) {
        const pieceIds = ids.slice(a, a + step);
        const pieceTitles = titles.slice(a, a + step);
        const pieceTexts = texts.slice(a, a + step);
        if (inline !== null) {
          for (let i = 0; i < pieceIds.length; i++) {
            inline.addField(pieceTitles[i] as string, o.titleBoost);
            inline.addField(pieceTexts[i] as string, 1);
            inline.endDoc();
          }
          merge(pieceIds, 0, inline.takeBatch());
          continue;
        }
        const p: Pending = { ids: pieceIds, source: next, batch: (pool as TokenizePool).submit(next, pieceTitles, pieceTexts) };
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
  return { builder, docHost, docLen, hosts: [...hostIds.keys()], pages, tokenizeMs: performance.now() - t0 };
}
