/** @module Turns inverted postings into quantised BM25 impacts and encoded 128-posting blocks. */
import { BLOCK_SIZE, FLOOR_K, SEGMENT_BYTES, type SearchIndex } from "../../env/search/index.ts";
import { pseudoTf } from "./field-norms.ts";
import type { InvertedPostings } from "./postings-builder.ts";

/** The block arrays of a built index (see `SearchIndex` for the layout). */
export type PostingArrays = Pick<
  SearchIndex,
  "termDf" | "termKth" | "termList0" | "listDf" | "listBlock0" | "listMult" | "listMaxImpact" | "blockLast" | "blockMax" | "blockSeg" | "blockOff" | "segments"
>;

/** Encoded postings plus the float score of one integer unit. */
export type EncodedPostings = PostingArrays & {
  /** Float score of one integer unit. */
  unit: number;
};

/** The `SearchIndex` fields of an encoding (drops `unit`). */
export function postingArrays(enc: EncodedPostings): PostingArrays {
  const { unit: _unit, ...arrays } = enc;
  return arrays;
}

/** Impact tiering: terms with at least `minDf` postings get tiers holding the top `fractions` of impacts. */
export interface TierOptions {
  /** Smallest df that is split (default 1024). */
  minDf: number;
  /**
   * Fractions of a term's postings in the upper tiers, largest first (default [0.2, 0.03]: the top 3%
   * of impacts, the next 17%, the rest). Tiers are cut at impact values, so ties stay together.
   */
  fractions: number[];
}

/** Default tiering. */
export const DEFAULT_TIERS: TierOptions = { minDf: 1024, fractions: [0.2, 0.03] };

/**
 * Impact cut points of one term: ascending lower bounds of the upper tiers (tier i holds impacts in
 * [cut[i-1], cut[i]) with cut[-1] = 1 and a final bound of 256). Empty when the term is not split.
 */
export function tierCuts(hist: Uint32Array, df: number, tiers: TierOptions): number[] {
  if (df < tiers.minDf) return [];
  const cuts: number[] = [];
  for (const f of tiers.fractions) {
    const want = Math.floor(df * f);
    if (want <= 0) continue;
    // Highest v such that postings with impact ≥ v number at least `want`.
    let above = 0;
    let v = 256;
    while (v > 1 && above < want) above += hist[--v] as number;
    if (above >= df) continue; // every posting would be in the upper tier
    if (cuts.length > 0 && v <= (cuts[cuts.length - 1] as number)) continue;
    cuts.push(v);
  }
  return cuts;
}

/** Integer resolution of the best posting score in the corpus. */
const GLOBAL_LEVELS = 65536;

/** Lucene BM25 idf: ln(1 + (N - df + 0.5) / (df + 0.5)). */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * Scores every posting with BM25F (`idf × tf~ / (tf~ + k1)` over the pseudo-tf of `pseudoTf`, Lucene's
 * idf and no `(k1 + 1)` factor, as Lucene ≥ 8; one field of weight 1 gives Lucene's BM25), then quantises: a global unit `u = maxScore / 65536`; per term
 * a multiplier `m_t = ceil(termMax / (255 u))`; per posting `impact = clamp(round(s / (m_t u)), 1, 255)`.
 * A document's score is the exact integer `Σ impact × m_t`, so every summation order agrees.
 * Frequent terms are then split into impact tiers (see `TierOptions`), each a doc-ordered list.
 * `norm` holds the per-page field factors of `fieldNorms`.
 */
export function encodePostings(inv: InvertedPostings, norm: Float64Array, k1: number, n: number, tiers: TierOptions = DEFAULT_TIERS): EncodedPostings {
  const T = inv.termStart.length - 1;
  const idf = new Float64Array(T);
  const termMax = new Float64Array(T);
  let globalMax = 0;
  for (let t = 0; t < T; t++) {
    const a = inv.termStart[t] as number;
    const z = inv.termStart[t + 1] as number;
    const w = bm25Idf(n, z - a);
    idf[t] = w;
    let mx = 0;
    for (let i = a; i < z; i++) {
      const tf = pseudoTf(inv, i, norm);
      const s = tf > 0 ? (w * tf) / (tf + k1) : 0;
      if (s > mx) mx = s;
    }
    termMax[t] = mx;
    if (mx > globalMax) globalMax = mx;
  }
  const unit = globalMax > 0 ? globalMax / GLOBAL_LEVELS : 1;

  // Quantised impacts of every posting, and each term's tier cuts.
  const total = inv.docs.length;
  const impacts = new Uint8Array(total);
  const termMult = new Uint32Array(T);
  const termDf = new Uint32Array(T);
  const termKth = new Uint8Array(T);
  const termList0 = new Uint32Array(T + 1);
  const cutsOf: number[][] = new Array<number[]>(T);
  const hist = new Uint32Array(256);
  // Postings per list, counted from each term's impact histogram (a tier is an impact range).
  const dfs: number[] = [];
  let lists = 0;
  for (let t = 0; t < T; t++) {
    const a = inv.termStart[t] as number;
    const z = inv.termStart[t + 1] as number;
    const w = idf[t] as number;
    const m = Math.max(1, Math.ceil((termMax[t] as number) / (255 * unit)));
    termMult[t] = m;
    const step = m * unit;
    hist.fill(0);
    for (let i = a; i < z; i++) {
      const tf = pseudoTf(inv, i, norm);
      const score = tf > 0 ? (w * tf) / (tf + k1) : 0;
      let q = Math.round(score / step);
      if (q < 1) q = 1;
      else if (q > 255) q = 255;
      impacts[i] = q;
      hist[q] = (hist[q] as number) + 1;
    }
    termDf[t] = z - a;
    termKth[t] = kthLargest(hist, FLOOR_K);
    const cuts = tierCuts(hist, z - a, tiers);
    cutsOf[t] = cuts;
    termList0[t] = lists;
    lists += cuts.length + 1;
    for (let tier = 0; tier <= cuts.length; tier++) {
      let df = 0;
      for (let q = tierLow(cuts, tier); q < tierHigh(cuts, tier); q++) df += hist[q] as number;
      dfs.push(df);
    }
  }
  termList0[T] = lists;

  // List block counts.
  const listDf = Uint32Array.from(dfs);
  const listBlock0 = new Uint32Array(lists + 1);
  const listMult = new Uint32Array(lists);
  let blocks = 0;
  for (let t = 0; t < T; t++) {
    for (let l = termList0[t] as number; l < (termList0[t + 1] as number); l++) {
      listMult[l] = termMult[t] as number;
      listBlock0[l] = blocks;
      blocks += Math.ceil((listDf[l] as number) / BLOCK_SIZE);
    }
  }
  listBlock0[lists] = blocks;

  const listMaxImpact = new Uint8Array(lists);
  const blockLast = new Uint32Array(blocks);
  const blockMax = new Uint8Array(blocks);
  const blockSeg = new Uint16Array(blocks);
  const blockOff = new Uint32Array(blocks);
  const segments: Uint8Array[] = [];
  let seg = new Uint8Array(SEGMENT_BYTES);
  let pos = 0;
  let blk = 0;
  const sel = new Uint32Array(BLOCK_SIZE);
  for (let t = 0; t < T; t++) {
    const a = inv.termStart[t] as number;
    const z = inv.termStart[t + 1] as number;
    const cuts = cutsOf[t] as number[];
    for (let tier = 0; tier <= cuts.length; tier++) {
      const lo = tierLow(cuts, tier);
      const hi = tierHigh(cuts, tier);
      let lMax = 0;
      let prev = -1;
      let i = a;
      for (;;) {
        // Next block: up to BLOCK_SIZE postings of this tier.
        let cnt = 0;
        while (i < z && cnt < BLOCK_SIZE) {
          const q = impacts[i] as number;
          if (q >= lo && q < hi) sel[cnt++] = i;
          i++;
        }
        if (cnt === 0) break;
        if (pos + cnt * 6 > SEGMENT_BYTES) {
          segments.push(seg.slice(0, pos));
          seg = new Uint8Array(SEGMENT_BYTES);
          pos = 0;
        }
        blockSeg[blk] = segments.length;
        blockOff[blk] = pos;
        let bMax = 0;
        for (let k = 0; k < cnt; k++) {
          const q = impacts[sel[k] as number] as number;
          seg[pos++] = q;
          if (q > bMax) bMax = q;
        }
        for (let k = 0; k < cnt; k++) {
          const d = inv.docs[sel[k] as number] as number;
          let gap = d - prev;
          prev = d;
          while (gap >= 0x80) {
            seg[pos++] = (gap & 0x7f) | 0x80;
            gap >>>= 7;
          }
          seg[pos++] = gap;
        }
        blockLast[blk] = prev;
        blockMax[blk] = bMax;
        if (bMax > lMax) lMax = bMax;
        blk++;
        if (cnt < BLOCK_SIZE) break;
      }
      listMaxImpact[(termList0[t] as number) + tier] = lMax;
    }
  }
  segments.push(seg.slice(0, pos));
  if (segments.length > 0xffff) throw new RangeError("too many postings segments");
  return { termDf, termKth, termList0, listDf, listBlock0, listMult, listMaxImpact, blockLast, blockMax, blockSeg, blockOff, segments, unit };
}

/** The k-th largest impact of a histogram (0 when it holds fewer than k postings). */
function kthLargest(hist: Uint32Array, k: number): number {
  let seen = 0;
  for (let q = 255; q >= 1; q--) {
    seen += hist[q] as number;
    if (seen >= k) return q;
  }
  return 0;
}

/** Lowest impact of tier `tier` (see `tierCuts`). */
function tierLow(cuts: readonly number[], tier: number): number {
  return tier === 0 ? 1 : (cuts[tier - 1] as number);
}

/** One past the highest impact of tier `tier`. */
function tierHigh(cuts: readonly number[], tier: number): number {
  return tier === cuts.length ? 256 : (cuts[tier] as number);
}
