/** @module A forward-only cursor over one postings list (one impact tier of a term), decoding one block at a time. */
import { BLOCK_SIZE, END_DOC, blockCount, type SearchIndex } from "./index-format.ts";

/**
 * Iterates a term's postings in doc order. `doc` is the current doc (`END_DOC` when exhausted);
 * `score()` is its integer impact score. `shallow()` moves between blocks without decoding, for
 * block-max bounds; `skipTo()` moves lazily: `doc` is then only a lower bound until `advance()`
 * decodes the block.
 */
export class PostingsCursor {
  /** The list (see `SearchIndex`: a term has one list per impact tier). */
  readonly list: number;
  readonly mult: number;
  /** Upper bound of `score()` over all postings. */
  readonly maxScore: number;
  readonly df: number;
  doc = END_DOC;
  private readonly index: SearchIndex;
  private readonly b0: number;
  private readonly b1: number;
  private blk: number;
  private decoded = -1;
  private n = 0;
  private i = 0;
  private impOff = 0;
  private seg: Uint8Array;
  private readonly docs = new Uint32Array(BLOCK_SIZE);

  constructor(index: SearchIndex, list: number) {
    this.index = index;
    this.list = list;
    this.mult = index.listMult[list] as number;
    this.maxScore = (index.listMaxImpact[list] as number) * this.mult;
    this.df = index.listDf[list] as number;
    this.b0 = index.listBlock0[list] as number;
    this.b1 = index.listBlock0[list + 1] as number;
    this.blk = this.b0;
    this.seg = index.segments[0] as Uint8Array;
    if (this.b0 < this.b1) this.load();
  }

  private load(): void {
    const idx = this.index;
    const blk = this.blk;
    const n = blockCount(idx, this.list, blk);
    const seg = idx.segments[idx.blockSeg[blk] as number] as Uint8Array;
    const off = idx.blockOff[blk] as number;
    this.seg = seg;
    this.impOff = off;
    this.n = n;
    let p = off + n;
    let prev = blk === this.b0 ? -1 : (idx.blockLast[blk - 1] as number);
    const docs = this.docs;
    for (let k = 0; k < n; k++) {
      // Gaps are < 2^31 (doc ids are), so at most 5 bytes; 1–2 bytes is the common case.
      let b = seg[p++] as number;
      let v = b & 0x7f;
      if (b & 0x80) {
        b = seg[p++] as number;
        v |= (b & 0x7f) << 7;
        if (b & 0x80) {
          b = seg[p++] as number;
          v |= (b & 0x7f) << 14;
          if (b & 0x80) {
            b = seg[p++] as number;
            v |= (b & 0x7f) << 21;
            if (b & 0x80) v += (seg[p++] as number) * 268435456; // 2^28
          }
        }
      }
      prev += v;
      docs[k] = prev;
    }
    this.decoded = blk;
    this.i = 0;
    this.doc = docs[0] as number;
  }

  /** Integer score of the current posting. */
  score(): number {
    return (this.seg[this.impOff + this.i] as number) * this.mult;
  }

  /** Moves to the next posting; returns the new doc. */
  next(): number {
    if (++this.i < this.n) return (this.doc = this.docs[this.i] as number);
    if (++this.blk >= this.b1) return (this.doc = END_DOC);
    this.load();
    return this.doc;
  }

  /**
   * Lazy advance: moves to the block that may hold `target` without decoding it and sets `doc` to a
   * lower bound of the next posting ≥ target (exact again after `advance(doc)`).
   */
  skipTo(target: number): void {
    if (this.doc >= target) return;
    if (!this.shallow(target)) {
      this.doc = END_DOC;
      return;
    }
    const blk = this.blk;
    if (this.decoded === blk) {
      const docs = this.docs;
      let i = this.i;
      while ((docs[i] as number) < target) i++;
      this.i = i;
      this.doc = docs[i] as number;
      return;
    }
    const prevLast = blk === this.b0 ? 0 : (this.index.blockLast[blk - 1] as number) + 1;
    this.doc = prevLast > target ? prevLast : target;
  }

  /** Moves to the first posting with doc ≥ target; returns it (`END_DOC` when none). */
  advance(target: number): number {
    if (this.doc >= target && this.decoded === this.blk) return this.doc;
    if (!this.shallow(target)) return (this.doc = END_DOC);
    if (this.decoded !== this.blk) this.load();
    const docs = this.docs;
    let i = this.i;
    while ((docs[i] as number) < target) i++;
    this.i = i;
    return (this.doc = docs[i] as number);
  }

  /** Moves (without decoding) to the block that may hold `target`; false when past the last block. */
  shallow(target: number): boolean {
    const last = this.index.blockLast;
    while (this.blk < this.b1 && (last[this.blk] as number) < target) this.blk++;
    return this.blk < this.b1;
  }

  /** Upper bound of `score()` within the current (possibly shallow) block. */
  blockMaxScore(): number {
    return (this.index.blockMax[this.blk] as number) * this.mult;
  }

  /**
   * Masked window accumulation: moves to `base`, then adds the score of every posting with doc in
   * [base, winMax] whose bit is already set in `bits` to `acc[doc - base]`; stops after `winMax`.
   */
  addMasked(base: number, winMax: number, acc: Float64Array, bits: Int32Array): void {
    if (this.doc < base || this.decoded !== this.blk) this.advance(Math.max(base, this.doc));
    if (this.doc > winMax) return;
    const mult = this.mult;
    for (;;) {
      const docs = this.docs;
      const seg = this.seg;
      const impOff = this.impOff;
      const n = this.n;
      let i = this.i;
      let d = docs[i] as number;
      while (d <= winMax) {
        const off = d - base;
        if (((bits[off >>> 5] as number) & (1 << (off & 31))) !== 0) acc[off] = (acc[off] as number) + (seg[impOff + i] as number) * mult;
        if (++i >= n) break;
        d = docs[i] as number;
      }
      if (i < n) {
        this.i = i;
        this.doc = d;
        return;
      }
      if (!this.nextBlockUpTo(winMax)) return;
    }
  }

  /**
   * Upper bound of `score()` over postings from the current (possibly shallow) block up to doc `end`:
   * the largest block max among those blocks, or the global max when more than `maxBlocks` would be read.
   */
  maxScoreUpTo(end: number, maxBlocks: number): number {
    const idx = this.index;
    let m = 0;
    let blk = this.blk;
    for (let k = 0; k < maxBlocks && blk < this.b1; k++, blk++) {
      const bm = idx.blockMax[blk] as number;
      if (bm > m) m = bm;
      if ((idx.blockLast[blk] as number) >= end) return m * this.mult;
    }
    return blk >= this.b1 ? m * this.mult : this.maxScore;
  }

  /**
   * Window accumulation: adds the score of every posting with doc in [base, winMax] to
   * `acc[doc - base]`, sets bit `doc - base` of `bits` and ORs `termBit` into `masks[doc - base]`
   * (returns how many), leaving the cursor on the first posting after `winMax` (lazily, without decoding, when that posting starts a later block). The cursor
   * must be exact or lazily positioned at a doc ≥ base.
   */
  addWindow(base: number, winMax: number, acc: Float64Array, bits: Int32Array, masks: Int32Array, termBit: number): number {
    if (this.doc > winMax) return 0;
    let added = 0;
    if (this.decoded !== this.blk) this.advance(this.doc);
    const mult = this.mult;
    for (;;) {
      const docs = this.docs;
      const seg = this.seg;
      const impOff = this.impOff;
      const n = this.n;
      let i = this.i;
      let d = docs[i] as number;
      while (d <= winMax) {
        const off = d - base;
        acc[off] = (acc[off] as number) + (seg[impOff + i] as number) * mult;
        bits[off >>> 5] = (bits[off >>> 5] as number) | (1 << (off & 31));
        masks[off] = (masks[off] as number) | termBit;
        if (++i >= n) break;
        d = docs[i] as number;
      }
      added += i - this.i;
      if (i < n) {
        this.i = i;
        this.doc = d;
        return added;
      }
      if (!this.nextBlockUpTo(winMax)) return added;
    }
  }

  /**
   * After the current block is used up: decodes the next block and returns true when it starts at or
   * before `winMax`; otherwise leaves `doc` at END_DOC or (lazily, undecoded) at the next block's lower
   * bound and returns false.
   */
  private nextBlockUpTo(winMax: number): boolean {
    if (++this.blk >= this.b1) {
      this.doc = END_DOC;
      return false;
    }
    const lb = (this.index.blockLast[this.blk - 1] as number) + 1;
    if (lb > winMax) {
      this.doc = lb;
      return false;
    }
    this.load();
    return true;
  }

  /** Last doc id of the current (possibly shallow) block. */
  blockLastDoc(): number {
    return this.index.blockLast[this.blk] as number;
  }
}
