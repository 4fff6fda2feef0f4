/**
 * @module MaxScore in windows over impact-tiered lists (the engine's main top-k loop, after Lucene's
 * MaxScoreBulkScorer). Lists are split into essential and non-essential by their max scores: a page
 * found only in non-essential lists cannot beat the k-th score θ. Windows of up to 4096 page ids, cut
 * at the first essential block end, are skipped when their block-max bound cannot beat θ; otherwise
 * the essential postings are summed into a dense buffer and each candidate, in page-id order, adds
 * the non-essential lists until its upper bound falls to θ.
 */
import type { DocVerifier } from "./block-max-maxscore.ts";
import { END_DOC, type SearchIndex } from "./index-format.ts";
import { PostingsCursor } from "./postings-cursor.ts";
import { hostAllowed, type QueryPlan } from "./query-plan.ts";
import { anyAt, type TermCursor } from "./term-cursor.ts";
import type { TopKHeap } from "./top-k-heap.ts";

/** Doc-id span of one scoring window. */
const WINDOW = 4096;
/**
 * A window adds its non-essential lists in bulk when candidates × non-essential lists × this ratio
 * exceeds their expected postings in the window (moving a cursor to a candidate costs a few adds).
 */
const BULK_RATIO = 4;
let scratchAcc = new Float64Array(WINDOW);
let scratchBits = new Int32Array(WINDOW >>> 5);

/**
 * Cursors over every tier list of the scoring terms, by max score ascending, and `ub[i]`: the most
 * cursors 0..i can add to one page (a page is in one tier of a term, so a term adds its best tier).
 */
function listCursors(index: SearchIndex, plan: QueryPlan): { cs: PostingsCursor[]; ub: Float64Array } {
  const items: Array<{ c: PostingsCursor; term: number }> = [];
  for (let q = 0; q < plan.scoring.length; q++) {
    const t = plan.scoring[q] as number;
    for (let l = index.termList0[t] as number; l < (index.termList0[t + 1] as number); l++) {
      if ((index.listDf[l] as number) > 0) items.push({ c: new PostingsCursor(index, l), term: q });
    }
  }
  items.sort((a, b) => a.c.maxScore - b.c.maxScore);
  const best = new Float64Array(plan.scoring.length);
  const ub = new Float64Array(items.length);
  let acc = 0;
  for (let i = 0; i < items.length; i++) {
    const { c, term } = items[i] as { c: PostingsCursor; term: number };
    const prev = best[term] as number;
    if (c.maxScore > prev) {
      acc += c.maxScore - prev;
      best[term] = c.maxScore;
    }
    ub[i] = acc;
  }
  return { cs: items.map((x) => x.c), ub };
}

/**
 * Offers to `heap` every page that can beat its threshold. `floor` is a score known to be reached
 * by k pages, minus 1 (θ starts there; -1 for none). Returns the number of candidates scored in full.
 */
export function windowMaxScore(
  index: SearchIndex, plan: QueryPlan, heap: TopKHeap, ex: TermCursor[], verify: DocVerifier | null, floor: number,
): number {
  const { cs, ub } = listCursors(index, plan);
  const scores = scratchAcc;
  const bits = scratchBits;
  if (scores.length === 0) return run(index, plan, heap, ex, verify, floor, cs, ub, new Float64Array(WINDOW), new Int32Array(WINDOW >>> 5));
  scratchAcc = new Float64Array(0); // re-entrancy: a nested call (from a verifier) gets fresh buffers
  scratchBits = new Int32Array(0);
  try {
    return run(index, plan, heap, ex, verify, floor, cs, ub, scores, bits);
  } finally {
    scratchAcc = scores;
    scratchBits = bits;
  }
}

function run(
  index: SearchIndex, plan: QueryPlan, heap: TopKHeap, ex: TermCursor[], verify: DocVerifier | null, floor: number,
  cs: PostingsCursor[], ub: Float64Array, scores: Float64Array, bits: Int32Array,
): number {
  const n = cs.length;
  // θ: a page must score above it; `floor` (a score the k-th page is known to reach, minus 1) starts it high.
  let theta = Math.max(heap.threshold(), floor);
  let firstEss = 0;
  let scored = 0;
  for (;;) {
    while (firstEss < n && (ub[firstEss] as number) <= theta) firstEss++;
    if (firstEss >= n) break;
    let base = END_DOC;
    for (let i = firstEss; i < n; i++) {
      const cd = (cs[i] as PostingsCursor).doc;
      if (cd < base) base = cd;
    }
    if (base === END_DOC) break;
    // Window [base, winMax]: at most WINDOW ids, ending at the first essential block end.
    let winMax = base + WINDOW - 1;
    for (let i = firstEss; i < n; i++) {
      const c = cs[i] as PostingsCursor;
      if (c.doc === END_DOC) continue;
      const last = c.blockLastDoc();
      if (last < winMax) winMax = last;
    }
    let bound = 0;
    for (let i = firstEss; i < n; i++) {
      const c = cs[i] as PostingsCursor;
      if (c.doc <= winMax) bound += c.blockMaxScore();
    }
    for (let i = 0; i < firstEss && bound <= theta; i++) {
      const c = cs[i] as PostingsCursor;
      if (c.shallow(base)) bound += c.maxScoreUpTo(winMax, 8);
    }
    if (bound <= theta) {
      for (let i = firstEss; i < n; i++) (cs[i] as PostingsCursor).skipTo(winMax + 1);
      continue;
    }
    let bulk = false;
    let added = 0;
    for (let i = firstEss; i < n; i++) added += (cs[i] as PostingsCursor).addWindow(base, winMax, scores, bits);
    // Dense candidates: add the non-essential lists to the buffer too (cheap sequential adds) instead
    // of moving each of their cursors to every candidate.
    let ubNon = firstEss > 0 ? (ub[firstEss - 1] as number) : 0;
    if (firstEss > 0) {
      let nonPostings = 0;
      const span = winMax - base + 1;
      for (let i = 0; i < firstEss; i++) nonPostings += ((cs[i] as PostingsCursor).df * span) / index.docSpan;
      if (added * firstEss * BULK_RATIO > nonPostings) {
        for (let i = 0; i < firstEss; i++) (cs[i] as PostingsCursor).addMasked(base, winMax, scores, bits);
        bulk = true;
        ubNon = 0;
      }
    }
    const words = ((winMax - base) >>> 5) + 1;
    for (let w = 0; w < words; w++) {
      let word = bits[w] as number;
      if (word === 0) continue;
      bits[w] = 0;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        word &= word - 1;
        const off = (w << 5) | bit;
        let score = scores[off] as number;
        scores[off] = 0;
        if (score + ubNon <= theta) continue;
        const d = base + off;
        if (!hostAllowed(index, plan, d) || (ex.length > 0 && anyAt(ex, d))) continue;
        let pruned = false;
        for (let i = bulk ? -1 : firstEss - 1; i >= 0; i--) {
          if (score + (ub[i] as number) <= theta) {
            pruned = true;
            break;
          }
          const c = cs[i] as PostingsCursor;
          if (c.advance(d) === d) score += c.score();
        }
        if (pruned || score <= theta) continue;
        scored++;
        if (verify !== null && !verify(d)) continue;
        heap.offer(score, d);
        theta = Math.max(heap.threshold(), floor);
      }
    }
  }
  return scored;
}
