/**
 * @module A safe starting threshold for top-k: if one term alone gives at least k pages a score ≥ s,
 * the k-th best full score is ≥ s too, so pages scoring below s can be pruned from the first posting
 * on (instead of waiting for the heap to fill). Valid only without filters that could drop those pages.
 */
import { END_DOC, type SearchIndex } from "./index-format.ts";
import { PostingsCursor } from "./postings-cursor.ts";
import type { QueryPlan } from "./query-plan.ts";

/** Largest k the floor is kept for (the default page size). */
export const FLOOR_K = 10;

const cache = new WeakMap<SearchIndex, Int32Array>();

/**
 * The FLOOR_K-th largest impact of term `t` (0 when it has fewer postings), memoised per index. A
 * tiered term's top list holds its best impacts, so only that list is decoded.
 */
export function kthImpact(index: SearchIndex, t: number): number {
  let memo = cache.get(index);
  if (memo === undefined) {
    memo = new Int32Array(index.termDf.length).fill(-1);
    cache.set(index, memo);
  }
  const known = memo[t] as number;
  if (known >= 0) return known;
  let value = 0;
  if ((index.termDf[t] as number) >= FLOOR_K) {
    const hist = new Uint32Array(256);
    for (let l = (index.termList0[t + 1] as number) - 1; l >= (index.termList0[t] as number); l--) {
      const c = new PostingsCursor(index, l);
      for (let d = c.doc; d !== END_DOC; d = c.next()) hist[c.score() / c.mult] = (hist[c.score() / c.mult] as number) + 1;
      if ((index.listDf[l] as number) >= FLOOR_K) break; // the lists below hold lower impacts
    }
    let seen = 0;
    for (let q = 255; q >= 1; q--) {
      seen += hist[q] as number;
      if (seen >= FLOOR_K) {
        value = q;
        break;
      }
    }
  }
  memo[t] = value;
  return value;
}

/**
 * A score every one of the true top-`k` pages reaches (0 when none is known): the best single-term
 * FLOOR_K-th score. Returns 0 for plans with site filters, exclusions, phrases or required terms, or k > FLOOR_K.
 */
export function scoreFloor(index: SearchIndex, plan: QueryPlan, k: number): number {
  if (k > FLOOR_K || plan.hostOk !== null || plan.excluded.length > 0 || plan.phrases.length > 0 || plan.required.length > 0) return 0;
  let floor = 0;
  for (const t of plan.scoring) {
    const s = kthImpact(index, t) * (index.listMult[index.termList0[t] as number] as number);
    if (s > floor) floor = s;
  }
  return floor;
}
