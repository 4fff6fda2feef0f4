/**
 * @module MaxScore in windows over impact-tiered lists (the engine's main top-k loop, after Lucene's
 * MaxScoreBulkScorer). Lists are split into essential and non-essential by their max scores: a page
 * found only in non-essential lists cannot beat the k-th score θ. Windows of up to 4096 page ids, cut
 * at the first essential block end, are skipped when their block-max bound cannot beat θ; otherwise
 * the essential postings are summed into a dense buffer and each candidate, in page-id order, adds
 * the non-essential lists until its upper bound falls to θ.
 */
import type { DocVerifier } from "./doc-verifier.ts";
import { END_DOC, type SearchIndex } from "./index-format.ts";
import { PostingsCursor } from "./postings-cursor.ts";
import { hostAllowed, type QueryPlan } from "./query-plan.ts";
import { anyAt, type TermCursor } from "./term-cursor.ts";
import type { TopKHeap } from "./top-k-heap.ts";
import type { Deadline } from "./deadline.ts";

/** Doc-id span of one scoring window. */
const WINDOW = 4096;
/**
 * A window adds its non-essential lists in bulk when candidates × non-essential lists × this ratio
 * exceeds their expected postings in the window (moving a cursor to a candidate costs about one add
 * per skipped posting; measured at 1M pages, ratios 0–16 were within noise, 1 is the cost-neutral point).
 */
const BULK_RATIO = 1;
/** Postings a phrase verification is charged as against the deadline (it reads the page text). */
const VERIFY_COST = 256;
let scratchAcc = new Float64Array(WINDOW);
let scratchBits = new Int32Array(WINDOW >>> 5);
let scratchMasks = new Int32Array(WINDOW);

/** Sorted tier cursors with their bounds. */
interface Lists {
  cs: PostingsCursor[];
  /** `ub[i]`: the most cursors 0..i can add to one page (a term adds at most its best tier). */
  ub: Float64Array;
  /** Query-term ordinal of each cursor (bit `1 << termOf[i]` in a page's matched-terms mask). */
  termOf: Int32Array;
  terms: number;
}

/**
 * Cursors over every tier list of the scoring terms, by max score ascending, and `ub[i]`: the most
 * cursors 0..i can add to one page (a page is in one tier of a term, so a term adds its best tier).
 */
function listCursors(index: SearchIndex, plan: QueryPlan): Lists {
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
  return { cs: items.map((x) => x.c), ub, termOf: Int32Array.from(items, (x) => x.term), terms: plan.scoring.length };
}

/**
 * Offers to `heap` every page that can beat its threshold. `floor` is a score known to be reached
 * by k pages, minus 1 (θ starts there; -1 for none). Returns the number of candidates scored in full.
 */
export function windowMaxScore(
  index: SearchIndex,
  plan: QueryPlan,
  heap: TopKHeap,
  ex: TermCursor[],
  verify: DocVerifier | null,
  floor: number,
  deadline: Deadline | null = null,
): number {
  const lists = listCursors(index, plan);
  const scores = scratchAcc;
  const bits = scratchBits;
  const masks = scratchMasks;
  if (scores.length === 0) {
    return run(index, plan, heap, ex, verify, floor, lists, new Float64Array(WINDOW), new Int32Array(WINDOW >>> 5), new Int32Array(WINDOW), deadline);
  }
  scratchAcc = new Float64Array(0); // re-entrancy: a nested call (from a verifier) gets fresh buffers
  scratchBits = new Int32Array(0);
  scratchMasks = new Int32Array(0);
  try {
    return run(index, plan, heap, ex, verify, floor, lists, scores, bits, masks, deadline);
  } finally {
    scratchAcc = scores;
    scratchBits = bits;
    scratchMasks = masks;
  }
}

function run(
  index: SearchIndex,
  plan: QueryPlan,
  heap: TopKHeap,
  ex: TermCursor[],
  verify: DocVerifier | null,
  floor: number,
  lists: Lists,
  scores: Float64Array,
  bits: Int32Array,
  masks: Int32Array,
  deadline: Deadline | null,
): number {
  const { cs, ub, termOf } = lists;
  const n = cs.length;
  // nonMax[q]: best max score of term q's non-essential tiers; a candidate that matched q in an
  // essential tier cannot be in another tier of q, so its bound drops q (and q's cursors are not moved).
  const nonMax = new Float64Array(lists.terms);
  let nonMaxFor = -1;
  let nonSum = 0;
  // lowerMax[i]: max score of the next lower tier of cursor i's term (0 if none). Tiers are checked
  // best first, so when a page is not in tier i its term can still add at most lowerMax[i].
  const lowerMax = new Float64Array(n);
  {
    const last = new Float64Array(lists.terms);
    for (let i = 0; i < n; i++) {
      const q = termOf[i] as number;
      lowerMax[i] = last[q] as number;
      last[q] = (cs[i] as PostingsCursor).maxScore;
    }
  }
  // θ: a page must score above it; `floor` (a score the k-th page is known to reach, minus 1) starts it high.
  let theta = Math.max(heap.threshold(), floor);
  let firstEss = 0;
  let scored = 0;
  for (;;) {
    // a window counts as one unit of the work budget
    if (deadline !== null && deadline.spend(1)) break;
    while (firstEss < n && (ub[firstEss] as number) <= theta) firstEss++;
    if (firstEss >= n) break;
    if (nonMaxFor !== firstEss) {
      nonMax.fill(0);
      for (let i = 0; i < firstEss; i++) {
        const q = termOf[i] as number;
        const m = (cs[i] as PostingsCursor).maxScore;
        if (m > (nonMax[q] as number)) nonMax[q] = m;
      }
      nonSum = 0;
      for (let q = 0; q < nonMax.length; q++) nonSum += nonMax[q] as number;
      nonMaxFor = firstEss;
    }
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
    for (let i = firstEss; i < n; i++) added += (cs[i] as PostingsCursor).addWindow(base, winMax, scores, bits, masks, 1 << (termOf[i] as number));
    if (deadline !== null) deadline.charge(added);
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
        let matched = masks[off] as number;
        masks[off] = 0;
        if (score + ubNon <= theta) continue;
        let rem = nonSum;
        if (!bulk) {
          for (let m = matched; m !== 0; m &= m - 1) rem -= nonMax[31 - Math.clz32(m & -m)] as number;
          if (score + rem <= theta) continue;
        }
        const d = base + off;
        if (!hostAllowed(index, plan, d) || (ex.length > 0 && anyAt(ex, d))) continue;
        let pruned = false;
        for (let i = bulk ? -1 : firstEss - 1; i >= 0; i--) {
          const bit = 1 << (termOf[i] as number);
          if ((matched & bit) !== 0) continue;
          const u = ub[i] as number;
          if (score + (u < rem ? u : rem) <= theta) {
            pruned = true;
            break;
          }
          const c = cs[i] as PostingsCursor;
          // this tier bounds what its term can still add: take it off `rem`; on a miss, the next lower tier's bound comes back
          rem -= c.maxScore;
          if (c.advance(d) === d) {
            score += c.score();
            matched |= bit;
          } else rem += lowerMax[i] as number;
        }
        if (pruned || score <= theta) continue;
        scored++;
        if (verify !== null && deadline !== null) deadline.charge(VERIFY_COST);
        if (verify !== null && !verify(d)) continue;
        heap.offer(score, d);
        theta = Math.max(heap.threshold(), floor);
      }
    }
  }
  return scored;
}
