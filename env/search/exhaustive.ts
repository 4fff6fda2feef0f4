/** @module The correctness oracle: scores every posting of every query term, no pruning. */
import { END_DOC, type SearchIndex } from "./index-format.ts";
import type { DocVerifier } from "./doc-verifier.ts";
import { PostingsCursor } from "./postings-cursor.ts";
import { hostAllowed, type QueryPlan } from "./query-plan.ts";
import { compareHits, type Hit } from "./top-k-heap.ts";

/** Exhaustive result: the top hits and the exact number of matching pages. */
export interface ExhaustiveResult {
  hits: Hit[];
  /** Exact count of pages matching the plan (after filters and phrase checks). */
  total: number;
}

/**
 * Scores every page that contains a query term with the same integer impacts as the engine, applies
 * the same filters, sorts (score desc, page id asc) and returns `k` hits from `offset`.
 * @example
 * const { hits, total } = exhaustiveTopK(index, plan, 10, 0, null);
 */
export function exhaustiveTopK(index: SearchIndex, plan: QueryPlan, k: number, offset: number, verify: DocVerifier | null): ExhaustiveResult {
  if (plan.impossible) return { hits: [], total: 0 };
  if (plan.siteOnly) {
    const hits: Hit[] = [];
    for (let d = 0; d < index.docSpan; d++) if (hostAllowed(index, plan, d)) hits.push({ doc: d, score: 0 });
    return { hits: hits.slice(offset, offset + k), total: hits.length };
  }
  const scratch = scratchFor(index);
  const acc = scratch.acc;
  const req = scratch.req;
  const touched: number[] = [];
  const reqSet = new Set(plan.required);
  for (const t of plan.scoring) {
    const isReq = reqSet.has(t) ? 1 : 0;
    // A page is in at most one list (impact tier) of a term.
    for (let l = index.termList0[t] as number; l < (index.termList0[t + 1] as number); l++) {
      const c = new PostingsCursor(index, l);
      for (let d = c.doc; d !== END_DOC; d = c.next()) {
        const prev = acc[d] as number;
        if (prev === 0) touched.push(d);
        acc[d] = prev + c.score();
        req[d] = (req[d] as number) + isReq;
      }
    }
  }
  const excluded = new Set<number>();
  for (const t of plan.excluded) {
    for (let l = index.termList0[t] as number; l < (index.termList0[t + 1] as number); l++) {
      const c = new PostingsCursor(index, l);
      for (let d = c.doc; d !== END_DOC; d = c.next()) excluded.add(d);
    }
  }
  const all: Hit[] = [];
  for (const doc of touched) {
    const score = acc[doc] as number;
    const ok = (req[doc] as number) === plan.required.length;
    acc[doc] = 0;
    req[doc] = 0;
    if (!ok || !hostAllowed(index, plan, doc) || excluded.has(doc)) continue;
    if (verify !== null && !verify(doc)) continue;
    all.push({ doc, score });
  }
  all.sort(compareHits);
  return { hits: all.slice(offset, offset + k), total: all.length };
}

const scratches = new WeakMap<SearchIndex, { acc: Float64Array; req: Uint8Array }>();

function scratchFor(index: SearchIndex): { acc: Float64Array; req: Uint8Array } {
  let s = scratches.get(index);
  if (s === undefined) {
    s = { acc: new Float64Array(index.docSpan), req: new Uint8Array(index.docSpan) };
    scratches.set(index, s);
  }
  return s;
}
