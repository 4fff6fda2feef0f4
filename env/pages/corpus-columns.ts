/** @module Reads a corpus file's `pages` and `links` tables into compact in-memory columns. */
import { totalmem } from "node:os";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { PagesError } from "./errors.ts";
import { Interner } from "./interner.ts";
import { StringColumn, StringColumnBuilder } from "./string-column.ts";

/**
 * Every column of the page store. Per-page numbers are indexed by page id; string columns by
 * scan row (`rowOf[id]`, `idOfRow[row]` map between them); links are CSR by source id
 * (`linkStart[id]..linkStart[id+1]`), `linkDst[k]` ≥ 0 a page id, < 0 an index `-k-1` into
 * `externalUrls`.
 */
export interface Columns {
  n: number;
  rowOf: Int32Array;
  idOfRow: Int32Array;
  urls: StringColumn;
  titles: StringColumn;
  texts: StringColumn;
  digests: StringColumn;
  html: StringColumn | null;
  hasHtml: Uint8Array;
  status: Uint16Array;
  mime: Uint32Array;
  lang: Uint32Array;
  source: Uint32Array;
  fetchedMs: Float64Array;
  sourceOffset: Float64Array;
  noindex: Uint8Array;
  redirects: Map<number, string>;
  hosts: Set<string>;
  interned: Interner;
  linkStart: Uint32Array;
  linkDst: Int32Array;
  externalUrls: StringColumn;
  anchors: StringColumn;
}

/**
 * DuckDB buffer pool limits while reading (the instance is the reader's own). Each table is scanned once
 * into columns, so cached blocks are never read again, yet DuckDB's default limit (80% of RAM) kept the
 * whole scanned `pages` table resident: ~10 GB per serving process at 1M pages, and two `serve` workers
 * loading at once ran out of memory on 24 GiB. The links read sorts and aggregates, so it gets more;
 * afterwards only single lazy HTML reads remain.
 */
const MEMORY_LIMIT = {
  pages: "1GB",
  // never above DuckDB's own default (80% of RAM): on a small machine a bigger limit would only trade
  // DuckDB's out-of-memory error for the kernel's OOM killer
  links: `${Math.floor(Math.min(8192, (totalmem() * 0.8) / 2 ** 20))}MB`,
  after: "256MB",
};

const HOST_RE = /^https?:\/\/([^/?#]+)/i;

/**
 * Reads every page and link of an open corpus into columns. Throws `CORPUS_INVALID` when page ids
 * are not dense 0..N-1 and unique.
 */
export async function readColumns(instance: DuckDBInstance, conn: DuckDBConnection, path: string, withHtml: boolean): Promise<Columns> {
  await conn.run(`SET memory_limit = '${MEMORY_LIMIT.pages}'`);
  const count = await conn.runAndReadAll(`SELECT count(*)::DOUBLE FROM pages`);
  const n = Number(count.getRows()[0]?.[0] ?? 0);
  const c = allocate(n);
  const urls = new StringColumnBuilder(n);
  const titles = new StringColumnBuilder(n);
  const texts = new StringColumnBuilder(n);
  const digests = new StringColumnBuilder(n);
  const html = withHtml ? new StringColumnBuilder(n) : null;
  const res = await conn.stream(
    `SELECT id, url, title, text, status, mime, epoch_ms(fetched_at)::DOUBLE, lang, redirect_to, noindex,
       digest, source_file, source_offset::DOUBLE, html IS NOT NULL${withHtml ? ", html" : ""} FROM pages`,
  );
  let row = 0;
  for (;;) {
    const chunk = await res.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    for (const r of chunk.getRows()) {
      const id = r[0];
      if (typeof id !== "number" || id < 0 || id >= n || c.rowOf[id] !== -1) {
        throw new PagesError("CORPUS_INVALID", `${path}: page ids must be dense 0..${n - 1} and unique; found id ${String(id)} at row ${row}`);
      }
      c.idOfRow[row] = id;
      c.rowOf[id] = row++;
      const url = String(r[1]);
      urls.push(url);
      const host = HOST_RE.exec(url)?.[1];
      if (host !== undefined) c.hosts.add(host.toLowerCase());
      titles.push(String(r[2]));
      texts.push(String(r[3]));
      c.status[id] = Number(r[4]);
      c.mime[id] = c.interned.code(String(r[5]));
      c.fetchedMs[id] = r[6] === null ? NaN : Number(r[6]);
      c.lang[id] = c.interned.code(r[7] === null ? null : String(r[7]));
      if (r[8] !== null) c.redirects.set(id, String(r[8]));
      c.noindex[id] = r[9] === true ? 1 : 0;
      digests.push(String(r[10]));
      c.source[id] = c.interned.code(String(r[11]));
      c.sourceOffset[id] = Number(r[12]);
      c.hasHtml[id] = r[13] === true ? 1 : 0;
      if (html !== null) html.push(r[14] === null ? "" : String(r[14]));
    }
  }
  c.urls = urls.finish();
  c.titles = titles.finish();
  c.texts = texts.finish();
  c.digests = digests.finish();
  c.html = html?.finish() ?? null;
  const side = await instance.connect(); // a second query on `conn` would end its open stream
  try {
    await conn.run(`SET memory_limit = '${MEMORY_LIMIT.links}'`);
    await readLinks(conn, side, c);
  } finally {
    side.closeSync();
  }
  await conn.run(`SET memory_limit = '${MEMORY_LIMIT.after}'`);
  return c;
}

function allocate(n: number): Columns {
  const empty = new StringColumnBuilder(0).finish();
  return {
    n,
    rowOf: new Int32Array(n).fill(-1),
    idOfRow: new Int32Array(n),
    urls: empty,
    titles: empty,
    texts: empty,
    digests: empty,
    html: null,
    hasHtml: new Uint8Array(n),
    status: new Uint16Array(n),
    mime: new Uint32Array(n),
    lang: new Uint32Array(n),
    source: new Uint32Array(n),
    fetchedMs: new Float64Array(n),
    sourceOffset: new Float64Array(n),
    noindex: new Uint8Array(n),
    redirects: new Map(),
    hosts: new Set(),
    interned: new Interner(),
    linkStart: new Uint32Array(n + 1),
    linkDst: new Int32Array(0),
    externalUrls: empty,
    anchors: empty,
  };
}

/** Links per aggregated group (by `src_id // LINK_GROUP`): fewer, larger values cross into JS. */
const LINK_GROUP = 256;
/** Separator of the aggregated anchors (a group whose anchors contain it is re-read row by row). */
const ANCHOR_SEP = "\u001f";

/**
 * Reads links in (src_id, insertion) order into CSR arrays; links of unknown pages are dropped.
 * Links are aggregated per group of sources in DuckDB (one string of anchors, one list of
 * targets per group): converting millions of small values one by one dominates load time otherwise.
 */
async function readLinks(conn: DuckDBConnection, side: DuckDBConnection, c: Columns): Promise<void> {
  const n = c.n;
  const inRange = `src_id >= 0 AND src_id < ${n}`;
  const resolved = `coalesce(dst_id >= 0 AND dst_id < ${n}, false)`;
  const count = await conn.runAndReadAll(`SELECT count(*)::DOUBLE FROM links WHERE ${inRange}`);
  const total = Number(count.getRows()[0]?.[0] ?? 0);
  const dst = new Int32Array(total);
  const anchors = new StringColumnBuilder(total);
  const external = new StringColumnBuilder(1024);
  const ext = await side.stream(`SELECT dst_url FROM links WHERE ${inRange} AND NOT ${resolved} ORDER BY src_id, rowid`);
  for await (const r of rowsOf(ext)) external.push(String(r[0]));
  let nextExternal = 0;
  const order = "ORDER BY src_id, rowid";
  const res = await conn.stream(
    `SELECT src_id // ${LINK_GROUP} AS g, list(src_id ${order}), list(CASE WHEN ${resolved} THEN dst_id ELSE -1 END ${order}),
       string_agg(anchor, '${ANCHOR_SEP}' ${order}) FROM links WHERE ${inRange} GROUP BY g ORDER BY g`,
  );
  let k = 0;
  for await (const r of rowsOf(res)) {
    const srcs = (r[1] as { items: readonly unknown[] }).items;
    const dsts = (r[2] as { items: readonly unknown[] }).items;
    let anchorList = String(r[3] ?? "").split(ANCHOR_SEP);
    if (anchorList.length !== srcs.length) anchorList = await anchorsOfGroup(side, Number(r[0]), inRange, order);
    for (let j = 0; j < srcs.length; j++) {
      const src = Number(srcs[j]);
      c.linkStart[src + 1] = (c.linkStart[src + 1] as number) + 1;
      const d = Number(dsts[j]);
      dst[k] = d >= 0 ? d : -++nextExternal;
      anchors.push(anchorList[j] ?? "");
      k++;
    }
  }
  for (let i = 0; i < n; i++) c.linkStart[i + 1] = (c.linkStart[i + 1] as number) + (c.linkStart[i] as number);
  c.linkDst = dst.subarray(0, k);
  c.anchors = anchors.finish();
  c.externalUrls = external.finish();
  if (nextExternal !== c.externalUrls.length) {
    throw new PagesError("CORPUS_INVALID", `links changed while loading (${nextExternal} vs ${c.externalUrls.length} external)`);
  }
}

/** Anchors of one link group, row by row (when an anchor contains the separator). */
async function anchorsOfGroup(conn: DuckDBConnection, g: number, inRange: string, order: string): Promise<string[]> {
  const r = await conn.runAndReadAll(`SELECT anchor FROM links WHERE ${inRange} AND src_id // ${LINK_GROUP} = ${g} ${order}`);
  return r.getRows().map((row) => String(row[0]));
}

/** Rows of a streaming result, chunk by chunk. */
async function* rowsOf(res: { fetchChunk(): Promise<{ rowCount: number; getRows(): unknown[][] } | null> }): AsyncGenerator<unknown[]> {
  for (;;) {
    const chunk = await res.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) return;
    for (const row of chunk.getRows()) yield row;
  }
}
