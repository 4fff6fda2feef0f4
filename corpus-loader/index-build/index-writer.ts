/** @module Stores a built index in the corpus DuckDB file: `index_blobs` rows plus `meta` keys. */
import { blobValue, type DuckDBConnection } from "@duckdb/node-api";
import { BLOB_PART_BYTES, INDEX_VERSION, type SearchIndex } from "../../env/search/index.ts";

/** DDL of the blob table: one row per ≤ 32 MiB part of a named array. */
export const INDEX_BLOBS_DDL = `CREATE TABLE index_blobs (name VARCHAR NOT NULL, part INTEGER NOT NULL, bytes BLOB NOT NULL)`;

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

async function putArray(conn: DuckDBConnection, name: string, bytes: Uint8Array): Promise<void> {
  let part = 0;
  for (let off = 0; off < bytes.byteLength || part === 0; off += BLOB_PART_BYTES) {
    const slice = bytes.subarray(off, Math.min(bytes.byteLength, off + BLOB_PART_BYTES));
    await conn.run(`INSERT INTO index_blobs VALUES ($1, $2, $3)`, [name, part, blobValue(slice)]);
    part++;
  }
}

/**
 * Replaces the index stored in the file (drop and rewrite, in one transaction) and records the
 * parameters in `meta` under `index.*` keys. Returns the bytes written.
 */
export async function writeIndex(conn: DuckDBConnection, index: SearchIndex): Promise<number> {
  const enc = new TextEncoder();
  let written = 0;
  await conn.run("BEGIN TRANSACTION");
  try {
    await conn.run("DROP TABLE IF EXISTS index_blobs");
    // keys of older formats that no longer describe the index
    await conn.run(`DELETE FROM meta WHERE key IN ('index.b', 'index.title_boost', 'index.avgdl')`);
    await conn.run(INDEX_BLOBS_DDL);
    const arrays: Array<[string, Uint8Array]> = [
      ["terms", enc.encode([...index.terms.keys()].join("\n"))],
      ["hosts", enc.encode(index.hosts.join("\n"))],
      ["term_df", bytesOf(index.termDf)],
      ["term_kth", bytesOf(index.termKth)],
      ["term_list0", bytesOf(index.termList0)],
      ["list_df", bytesOf(index.listDf)],
      ["list_block0", bytesOf(index.listBlock0)],
      ["list_mult", bytesOf(index.listMult)],
      ["list_max", bytesOf(index.listMaxImpact)],
      ["block_last", bytesOf(index.blockLast)],
      ["block_max", bytesOf(index.blockMax)],
      ["block_seg", bytesOf(index.blockSeg)],
      ["block_off", bytesOf(index.blockOff)],
      ["doc_host", bytesOf(index.docHost)],
    ];
    for (const [name, bytes] of arrays) {
      await putArray(conn, name, bytes);
      written += bytes.byteLength;
    }
    for (let i = 0; i < index.segments.length; i++) {
      const seg = index.segments[i] as Uint8Array;
      await conn.run(`INSERT INTO index_blobs VALUES ('postings', $1, $2)`, [i, blobValue(seg)]);
      written += seg.byteLength;
    }
    const p = index.params;
    const meta: Record<string, string> = {
      "index.version": String(INDEX_VERSION),
      "index.k1": String(p.k1),
      "index.fields": JSON.stringify(p.fields),
      "index.stem": String(p.stem),
      "index.unit": String(p.unit),
      "index.doc_span": String(index.docSpan),
      "index.doc_count": String(index.docCount),
      // the corpus's load counter at build time: a later load that changes pages bumps `loads`, so serve knows the index is stale
      "index.loads": String(index.loads.atBuild ?? 0),
      "index.tokenizer": "nfkc-fold-v1",
      "index.scoring": "bm25f-quantised-v1",
      "index.tiers": "impact-tiered-v1",
    };
    for (const [k, v] of Object.entries(meta)) {
      await conn.run(`INSERT OR REPLACE INTO meta VALUES ($1, $2)`, [k, v]);
    }
    await conn.run("COMMIT");
  } catch (err) {
    await conn.run("ROLLBACK").catch(() => undefined);
    throw err;
  }
  return written;
}
