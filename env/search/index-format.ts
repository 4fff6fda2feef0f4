/** @module The in-memory layout of the search index, shared by the index build and the engine. */
import type { IndexField } from "./index-fields.ts";

/** Bumped on any incompatible change of the stored index; checked at load (`INDEX_VERSION`). */
export const INDEX_VERSION = 4;

/** Postings per block (the last block of a term may hold fewer). */
export const BLOCK_SIZE = 128;

/** Largest postings segment (one BLOB row, one Uint8Array); blocks never straddle segments. */
export const SEGMENT_BYTES = 32 * 1024 * 1024;

/** Largest BLOB part written for plain arrays (they are re-joined at load). */
export const BLOB_PART_BYTES = 32 * 1024 * 1024;

/** Sentinel doc id meaning "no more postings". */
export const END_DOC = 0x7fffffff;

/** Host id of pages that are not indexed (noindex, non-2xx, missing). */
export const NO_HOST = 0xffffffff;

/** Scoring parameters recorded in `meta` (keys `index.*`). */
export interface IndexParams {
  /** BM25F k1 (default 1.2). */
  k1: number;
  /** BM25F fields in `FIELD_NAMES` order: weight, b and average length (meta `index.fields`). */
  fields: IndexField[];
  /** Porter stemming on or off. */
  stem: boolean;
  /** Score of one integer impact unit: float BM25F ≈ integer score × unit. */
  unit: number;
}

/**
 * The whole index as typed arrays. A term's postings are split by impact into 1–3 disjoint
 * **tiers** (impact-tiered lists, lowest tier first): term t owns lists `termList0[t] .. termList0[t+1]-1`;
 * each list holds the postings whose impact falls in its tier, in doc-id order, so a page appears in
 * at most one list of a term. List l owns blocks `listBlock0[l] .. listBlock0[l+1]-1`;
 * block j's bytes are `segments[blockSeg[j]]` from `blockOff[j]`: first `n` impact bytes, then `n`
 * doc-id gaps as variable bytes (the first gap is from `blockLast[j-1]`, or from -1 for a list's
 * first block). A posting's integer score is `impact × listMult[l]` (the same multiplier for every
 * list of a term); sums are exact integers.
 */
export interface SearchIndex {
  params: IndexParams;
  /** Page ids are dense 0..docSpan-1 (max id + 1). */
  docSpan: number;
  /**
   * The corpus's load counter (meta `loads`) when the index was built, and now: they differ when a load
   * changed the corpus after the build (null for indexes built before the counter was recorded).
   */
  loads: { atBuild: number | null; now: number };
  /** Pages actually indexed. */
  docCount: number;
  terms: Map<string, number>;
  /** Pages containing term t (sum of its lists' df). */
  termDf: Uint32Array;
  /** The `FLOOR_K`-th (10th) largest impact of term t, 0 when it has fewer postings (see `score-floor.ts`). */
  termKth: Uint8Array;
  /** Length termCount + 1: the first list of each term. */
  termList0: Uint32Array;
  listDf: Uint32Array;
  /** Length listCount + 1. */
  listBlock0: Uint32Array;
  listMult: Uint32Array;
  listMaxImpact: Uint8Array;
  blockLast: Uint32Array;
  blockMax: Uint8Array;
  blockSeg: Uint16Array;
  blockOff: Uint32Array;
  segments: Uint8Array[];
  /** Host id per page id (`NO_HOST` when the page is not indexed). */
  docHost: Uint32Array;
  hosts: string[];
}

/** Number of postings in block `blk` of list `l`. */
export function blockCount(index: SearchIndex, l: number, blk: number): number {
  const last = (index.listBlock0[l + 1] as number) - 1;
  if (blk < last) return BLOCK_SIZE;
  return (index.listDf[l] as number) - BLOCK_SIZE * (last - (index.listBlock0[l] as number));
}

/** Bytes held by the index arrays (terms counted at their UTF-16 length × 2 plus ~40 B of map entry). */
export function indexBytes(index: SearchIndex): number {
  let bytes = 0;
  for (const a of [
    index.termDf,
    index.termKth,
    index.termList0,
    index.listDf,
    index.listBlock0,
    index.listMult,
    index.listMaxImpact,
    index.blockLast,
    index.blockMax,
    index.blockSeg,
    index.blockOff,
    index.docHost,
  ])
    bytes += a.byteLength;
  for (const s of index.segments) bytes += s.byteLength;
  for (const t of index.terms.keys()) bytes += t.length * 2 + 40;
  return bytes;
}

/** Postings in the index (sum of document frequencies). */
export function postingCount(index: SearchIndex): number {
  let n = 0;
  for (let t = 0; t < index.termDf.length; t++) n += index.termDf[t] as number;
  return n;
}
