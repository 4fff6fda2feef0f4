/**
 * @module A safe starting threshold for top-k: if one term alone gives at least k pages a score ≥ s,
 * the k-th best full score is ≥ s too, so pages scoring below s can be pruned from the first posting
 * on (instead of waiting for the heap to fill). Valid only without filters that could drop those pages.
 */
import type { SearchIndex } from "./index-format.ts";
import type { QueryPlan } from "./query-plan.ts";

/** Largest k the floor is kept for (the default page size); the index build stores each term's FLOOR_K-th impact (`termKth`). */
export const FLOOR_K = 10;

/** The FLOOR_K-th largest impact of term `t` (0 when it has fewer postings), from the index. */
export function kthImpact(index: SearchIndex, t: number): number {
  return index.termKth[t] as number;
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
