/** @module A cursor over all impact tiers of one term: their union in doc order (a page is in at most one tier). */
import { END_DOC, type SearchIndex } from "./index-format.ts";
import { PostingsCursor } from "./postings-cursor.ts";

/**
 * Iterates every posting of a term across its tier lists, for conjunctions (required terms) and
 * exclusions, where the tiers' split does not help. Same interface as `PostingsCursor` where used.
 */
export class TermCursor {
  /** Pages containing the term. */
  readonly df: number;
  /** Upper bound of `score()`. */
  readonly maxScore: number;
  doc = END_DOC;
  private readonly parts: PostingsCursor[];

  constructor(index: SearchIndex, term: number) {
    this.df = index.termDf[term] as number;
    this.parts = [];
    let max = 0;
    for (let l = index.termList0[term] as number; l < (index.termList0[term + 1] as number); l++) {
      const c = new PostingsCursor(index, l);
      this.parts.push(c);
      if (c.maxScore > max) max = c.maxScore;
    }
    this.maxScore = max;
    this.doc = this.minDoc();
  }

  private minDoc(): number {
    let m = END_DOC;
    for (const p of this.parts) if (p.doc < m) m = p.doc;
    return m;
  }

  /** Score of the current posting. */
  score(): number {
    for (const p of this.parts) if (p.doc === this.doc) return p.score();
    return 0;
  }

  /** Moves to the next posting; returns the new doc. */
  next(): number {
    const d = this.doc;
    for (const p of this.parts) if (p.doc === d) p.next();
    return (this.doc = this.minDoc());
  }

  /** Moves to the first posting with doc ≥ target; returns it (`END_DOC` when none). */
  advance(target: number): number {
    if (this.doc >= target) return this.doc;
    let m = END_DOC;
    for (const p of this.parts) {
      const d = p.advance(target);
      if (d < m) m = d;
    }
    return (this.doc = m);
  }

  /** Last doc of the current window: the earliest current-block end among the tiers. */
  blockLastDoc(): number {
    let m = END_DOC;
    for (const p of this.parts) if (p.doc !== END_DOC && p.blockLastDoc() < m) m = p.blockLastDoc();
    return m;
  }

  /** Upper bound of `score()` for docs from `doc` to `blockLastDoc()`. */
  blockMaxScore(): number {
    const last = this.blockLastDoc();
    let m = 0;
    for (const p of this.parts) if (p.doc <= last && p.blockMaxScore() > m) m = p.blockMaxScore();
    return m;
  }
}

/** True when one of the cursors has a posting at `d` (they move forward to d). */
export function anyAt(cursors: readonly TermCursor[], d: number): boolean {
  for (const c of cursors) if (c.advance(d) === d) return true;
  return false;
}
