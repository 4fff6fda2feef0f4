/**
 * @module Rank-safe top-k: windowed block-max MaxScore over impact tiers (Lucene-style), started
 * from a score floor, plus a conjunctive lead mode for required terms.
 */
import type { Deadline } from "./deadline.ts";
import type { DocVerifier } from "./doc-verifier.ts";
import { END_DOC, type SearchIndex } from "./index-format.ts";
import { hostAllowed, type QueryPlan } from "./query-plan.ts";
import { scoreFloor } from "./score-floor.ts";
import { TermCursor, anyAt } from "./term-cursor.ts";
import { TopKHeap, type Hit } from "./top-k-heap.ts";
import { windowMaxScore } from "./window-maxscore.ts";

export type { DocVerifier } from "./doc-verifier.ts";

/** Result of a top-k run: hits best first, and counters for diagnostics. */
export interface TopKResult {
  hits: Hit[];
  /** Candidates scored in full. */
  scored: number;
  /** True when the deadline stopped the run: `hits` are the best found so far, not necessarily the top k. */
  partial: boolean;
}

/**
 * Returns exactly the `k` best pages of `plan` (score desc, page id asc) — the same as exhaustive
 * scoring over the same impacts — skipping blocks and documents whose upper bound cannot beat the
 * current k-th score. Pages are visited in id order, so a later page must score strictly higher.
 *
 * θ starts from a floor, the best single-term k-th score (see `scoreFloor`), so pruning works from
 * the first posting instead of after the heap fills. (A first pass over the upper impact tiers, whose
 * k-th partial score is also a valid floor, was measured: it raises θ close to its final value but
 * costs more than it saves at 1M pages.)
 */
export function topKMaxScore(index: SearchIndex, plan: QueryPlan, k: number, verify: DocVerifier | null, deadline: Deadline | null = null): TopKResult {
  if (plan.impossible || k <= 0 || plan.scoring.length === 0) return { hits: [], scored: 0, partial: false };
  const ex = plan.excluded.map((t) => new TermCursor(index, t));
  const heap = new TopKHeap(k);
  const scored =
    plan.required.length > 0
      ? leadMode(index, plan, heap, ex, verify, deadline)
      : windowMaxScore(index, plan, heap, ex, verify, scoreFloor(index, plan, k) - 1, deadline);
  return { hits: heap.sorted(), scored, partial: deadline?.expired === true };
}

function leadMode(index: SearchIndex, plan: QueryPlan, heap: TopKHeap, ex: TermCursor[], verify: DocVerifier | null, deadline: Deadline | null): number {
  const reqSet = new Set(plan.required);
  const req = plan.required.map((t) => new TermCursor(index, t)).sort((a, b) => a.df - b.df);
  const opt = plan.scoring
    .filter((t) => !reqSet.has(t))
    .map((t) => new TermCursor(index, t))
    .sort((a, b) => b.maxScore - a.maxScore);
  const lead = req[0] as TermCursor;
  const others = req.slice(1);
  let reqMax = 0;
  for (const c of req) reqMax += c.maxScore;
  const optRemain = new Float64Array(opt.length + 1);
  for (let i = opt.length - 1; i >= 0; i--) optRemain[i] = (optRemain[i + 1] as number) + (opt[i] as TermCursor).maxScore;
  const optAll = optRemain[0] as number;
  let theta = heap.threshold();
  let scored = 0;
  let d = lead.doc;
  // one unit per lead document (plus the other lists' moves, bounded by the number of terms)
  const perDoc = req.length + opt.length;
  outer: while (d !== END_DOC) {
    if (reqMax + optAll <= theta) break;
    if (deadline !== null && deadline.spend(perDoc)) break;
    if (lead.blockMaxScore() + (reqMax - lead.maxScore) + optAll <= theta) {
      d = lead.advance(lead.blockLastDoc() + 1);
      continue;
    }
    if (!hostAllowed(index, plan, d)) {
      d = lead.next();
      continue;
    }
    let score = lead.score();
    for (const c of others) {
      const cd = c.advance(d);
      if (cd === END_DOC) break outer;
      if (cd !== d) {
        d = lead.advance(cd);
        continue outer;
      }
      score += c.score();
    }
    let pruned = false;
    for (let i = 0; i < opt.length; i++) {
      if (score + (optRemain[i] as number) <= theta) {
        pruned = true;
        break;
      }
      const c = opt[i] as TermCursor;
      if (c.advance(d) === d) score += c.score();
    }
    if (!pruned && score > theta && !(ex.length > 0 && anyAt(ex, d))) {
      scored++;
      if (verify !== null) deadline?.charge(256);
      if (verify === null || verify(d)) {
        heap.offer(score, d);
        theta = heap.threshold();
      }
    }
    d = lead.next();
  }
  return scored;
}
