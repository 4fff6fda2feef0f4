/** @module Loads the index stored in a corpus DuckDB file into typed arrays. */
import type { DuckDBBlobValue, DuckDBConnection } from "@duckdb/node-api";
import { SearchError } from "./errors.ts";
import type { IndexField } from "./index-fields.ts";
import { INDEX_VERSION, type SearchIndex } from "./index-format.ts";

async function readParts(conn: DuckDBConnection, name: string): Promise<Uint8Array[]> {
  const r = await conn.runAndReadAll(`SELECT bytes FROM index_blobs WHERE name = $1 ORDER BY part`, [name]);
  const parts = r.getRows().map((row) => (row[0] as DuckDBBlobValue).bytes);
  if (parts.length === 0) throw new SearchError("INDEX_CORRUPT", `index array '${name}' is missing from index_blobs`);
  return parts;
}

async function readBytes(conn: DuckDBConnection, name: string): Promise<Uint8Array> {
  const parts = await readParts(conn, name);
  let n = 0;
  for (const p of parts) n += p.byteLength;
  const out = new Uint8Array(new ArrayBuffer(n)); // fresh buffer: aligned for any typed view
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

function view<T>(bytes: Uint8Array, width: number, make: (b: ArrayBuffer, off: number, n: number) => T, name: string): T {
  if (bytes.byteLength % width !== 0) throw new SearchError("INDEX_CORRUPT", `index array '${name}' has a bad length`);
  return make(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / width);
}

function num(meta: Map<string, string>, key: string): number {
  const v = Number(meta.get(key));
  if (!Number.isFinite(v)) throw new SearchError("INDEX_CORRUPT", `meta key '${key}' is missing or not a number`);
  return v;
}

/** The fields of meta `index.fields` (JSON list of `{name, weight, b, avgLen}`). */
function fieldsOf(meta: Map<string, string>): IndexField[] {
  const raw = meta.get("index.fields");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? "");
  } catch {
    throw new SearchError("INDEX_CORRUPT", "meta key 'index.fields' is missing or not JSON: rebuild the index");
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.every((f: unknown) => {
      const r = f as Record<string, unknown>;
      return (
        typeof f === "object" &&
        f !== null &&
        typeof r.name === "string" &&
        typeof r.weight === "number" &&
        typeof r.b === "number" &&
        typeof r.avgLen === "number"
      );
    });
  if (!ok) throw new SearchError("INDEX_CORRUPT", "meta key 'index.fields' is not a list of {name, weight, b, avgLen}: rebuild the index");
  return parsed as IndexField[];
}

/**
 * Reads `index_blobs` and the `index.*` meta keys. Throws `INDEX_MISSING` when the file has no index
 * (run the index build), `INDEX_VERSION` when it was built by an incompatible version.
 * @example
 * const index = await loadIndex(conn);
 */
export async function loadIndex(conn: DuckDBConnection): Promise<SearchIndex> {
  let metaRows: Array<Record<string, unknown>>;
  try {
    const tables = await conn.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_name IN ('index_blobs', 'meta')`);
    if (tables.getRowObjectsJS().length < 2) {
      throw new SearchError("INDEX_MISSING", "the corpus has no search index (index_blobs table): run the index build first");
    }
    metaRows = (await conn.runAndReadAll(`SELECT key, value FROM meta WHERE key LIKE 'index.%' OR key = 'loads'`)).getRowObjectsJS();
  } catch (err) {
    if (err instanceof SearchError) throw err;
    throw new SearchError("DB_ERROR", `cannot read the index: ${(err as Error).message}`, { cause: err });
  }
  const meta = new Map(metaRows.map((r) => [String(r.key), String(r.value)]));
  if (!meta.has("index.version")) throw new SearchError("INDEX_MISSING", "meta has no index.version: run the index build first");
  const version = num(meta, "index.version");
  if (version !== INDEX_VERSION) {
    throw new SearchError(
      "INDEX_VERSION",
      `the search index in this corpus has format version ${version}, this simweb reads version ${INDEX_VERSION} (BM25F over fields): rerun \`simweb index --db <corpus>\` to rebuild it`,
    );
  }
  const dec = new TextDecoder();
  const termsText = dec.decode(await readBytes(conn, "terms"));
  const termList = termsText.length === 0 ? [] : termsText.split("\n");
  const terms = new Map<string, number>();
  for (let i = 0; i < termList.length; i++) terms.set(termList[i] as string, i);
  const hostsText = dec.decode(await readBytes(conn, "hosts"));
  const hosts = hostsText.length === 0 ? [] : hostsText.split("\n");
  const u32 = async (name: string): Promise<Uint32Array> => view(await readBytes(conn, name), 4, (b, o, n) => new Uint32Array(b, o, n), name);
  const index: SearchIndex = {
    params: {
      k1: num(meta, "index.k1"),
      fields: fieldsOf(meta),
      stem: meta.get("index.stem") === "true",
      unit: num(meta, "index.unit"),
    },
    docSpan: num(meta, "index.doc_span"),
    docCount: num(meta, "index.doc_count"),
    loads: { atBuild: meta.has("index.loads") ? num(meta, "index.loads") : null, now: meta.has("loads") ? num(meta, "loads") : 0 },
    terms,
    termDf: await u32("term_df"),
    termKth: await readBytes(conn, "term_kth"),
    termList0: await u32("term_list0"),
    listDf: await u32("list_df"),
    listBlock0: await u32("list_block0"),
    listMult: await u32("list_mult"),
    listMaxImpact: await readBytes(conn, "list_max"),
    blockLast: await u32("block_last"),
    blockMax: await readBytes(conn, "block_max"),
    blockSeg: view(await readBytes(conn, "block_seg"), 2, (b, o, n) => new Uint16Array(b, o, n), "block_seg"),
    blockOff: await u32("block_off"),
    segments: await readParts(conn, "postings"),
    docHost: await u32("doc_host"),
    hosts,
  };
  const T = termList.length;
  const L = index.listDf.length;
  if (
    index.termDf.length !== T ||
    index.termKth.length !== T ||
    index.termList0.length !== T + 1 ||
    index.termList0[T] !== L ||
    index.listBlock0.length !== L + 1 ||
    index.listMult.length !== L ||
    index.listMaxImpact.length !== L ||
    index.listBlock0[L] !== index.blockLast.length ||
    index.docHost.length !== index.docSpan
  ) {
    throw new SearchError("INDEX_CORRUPT", "index arrays disagree in length: rebuild the index");
  }
  return index;
}
