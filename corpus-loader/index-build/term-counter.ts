/** @module Tokenises documents straight into (term id, weighted tf) pairs, caching the terms of each distinct word. */
import { foldText, scanTokenWords, wordTokens, type TokenizerOptions } from "../../env/search/index.ts";
import { MAX_TF } from "./postings-builder.ts";

/**
 * The pairs of the documents counted since the last `takeBatch`, as transferable typed arrays.
 * Document `i` owns pairs `docPairEnd[i-1] .. docPairEnd[i]-1` (from 0 for `i = 0`).
 */
export interface TermBatch {
  /** Terms first seen in this batch; they take ids `termBase`, `termBase + 1`, … (first-seen order). */
  newTerms: string[];
  termBase: number;
  /** Counter-local term id of each pair. */
  pairTerm: Uint32Array<ArrayBuffer>;
  /** Weighted term frequency of each pair, capped at `MAX_TF`. */
  pairTf: Uint16Array<ArrayBuffer>;
  docPairEnd: Uint32Array<ArrayBuffer>;
  /** Weighted length of each document (Σ tokens × field weight). */
  docLen: Float64Array<ArrayBuffer>;
  /** Tokens counted (after stopwords), all fields. */
  tokens: number;
}

/**
 * Counts terms document by document with the shared tokeniser (`scanTokenWords` + `wordTokens`), so
 * the terms are exactly `tokenize`'s. Each distinct word is folded into terms once and kept in an
 * open-addressing table keyed by its characters, so a repeated word costs one hash and compare, and
 * no string is allocated. Term ids are dense and in first-seen order over the documents counted.
 * @example
 * const c = new TermCounter({ stem: true });
 * c.addField("Title", 2); c.addField("Body text", 1); c.endDoc();
 * const batch = c.takeBatch();
 */
export class TermCounter {
  /** Counter-local term id → term. */
  readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly opts: TokenizerOptions;
  // Word table: slot → word entry + 1; entry → key, hash, and its term ids in `wordTermList`.
  private slots = new Int32Array(1 << 16);
  private readonly wordKeys: string[] = [];
  private wordHash = new Int32Array(1 << 15);
  private wordTermEnd = new Uint32Array(1 << 15);
  private wordTermList = new Uint32Array(1 << 15);
  private wordTermCount = 0;
  // Per-document counts.
  private counts = new Uint32Array(1 << 12);
  private touched = new Uint32Array(1 << 10);
  private nTouched = 0;
  private docLength = 0;
  private text = "";
  private weight = 1;
  // Batch output.
  private pairTerm = new Uint32Array(1 << 16);
  private pairTf = new Uint16Array(1 << 16);
  private nPairs = 0;
  private docPairEnd: number[] = [];
  private docLen: number[] = [];
  private tokens = 0;
  private termsSent = 0;
  private readonly onWord = (start: number, end: number, alpha: boolean, under: boolean): void => this.word(start, end, alpha, under);

  constructor(opts: TokenizerOptions) {
    this.opts = { stem: opts.stem };
  }

  /** Counts one field of the current document; each of its tokens adds `weight` to its term's tf. */
  addField(text: string, weight: number): void {
    this.text = foldText(text);
    this.weight = weight;
    scanTokenWords(this.text, this.onWord);
    this.text = "";
  }

  /** Closes the current document (its pairs go to the batch); returns its weighted length. */
  endDoc(): number {
    const n = this.nTouched;
    if (this.nPairs + n > this.pairTerm.length) {
      const size = Math.max(this.pairTerm.length * 2, this.nPairs + n);
      this.pairTerm = grow(this.pairTerm, new Uint32Array(size));
      this.pairTf = grow(this.pairTf, new Uint16Array(size));
    }
    const c = this.counts;
    for (let i = 0; i < n; i++) {
      const id = this.touched[i] as number;
      this.pairTerm[this.nPairs] = id;
      this.pairTf[this.nPairs] = Math.min(c[id] as number, MAX_TF);
      this.nPairs++;
      c[id] = 0;
    }
    this.nTouched = 0;
    const len = this.docLength;
    this.docLength = 0;
    this.docPairEnd.push(this.nPairs);
    this.docLen.push(len);
    return len;
  }

  /** Hands over the documents closed since the last call and starts a new batch. */
  takeBatch(): TermBatch {
    const batch: TermBatch = {
      newTerms: this.terms.slice(this.termsSent),
      termBase: this.termsSent,
      pairTerm: this.pairTerm.slice(0, this.nPairs),
      pairTf: this.pairTf.slice(0, this.nPairs),
      docPairEnd: Uint32Array.from(this.docPairEnd),
      docLen: Float64Array.from(this.docLen),
      tokens: this.tokens,
    };
    this.termsSent = this.terms.length;
    this.nPairs = 0;
    this.docPairEnd = [];
    this.docLen = [];
    this.tokens = 0;
    return batch;
  }

  private word(start: number, end: number, alpha: boolean, under: boolean): void {
    const t = this.text;
    const len = end - start;
    let h = 0x811c9dc5 ^ len;
    for (let i = start; i < end; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    const mask = this.slots.length - 1;
    let slot = h & mask;
    let w: number;
    for (;;) {
      w = (this.slots[slot] as number) - 1;
      if (w < 0) {
        w = this.addWord(t.slice(start, end), alpha, under, h, slot);
        break;
      }
      if (this.wordHash[w] === h) {
        const key = this.wordKeys[w] as string;
        if (key.length === len && sameChars(key, t, start, len)) break;
      }
      slot = (slot + 1) & mask;
    }
    const a = w === 0 ? 0 : (this.wordTermEnd[w - 1] as number);
    const z = this.wordTermEnd[w] as number;
    if (a === z) return;
    const c = this.counts;
    const weight = this.weight;
    for (let j = a; j < z; j++) {
      const id = this.wordTermList[j] as number;
      const v = c[id] as number;
      if (v === 0) {
        if (this.nTouched === this.touched.length) this.touched = grow(this.touched, new Uint32Array(this.touched.length * 2));
        this.touched[this.nTouched++] = id;
      }
      c[id] = v + weight;
    }
    this.tokens += z - a;
    this.docLength += (z - a) * weight;
  }

  /** Tokenises a word seen for the first time, interns its terms and stores it in the table. */
  private addWord(word: string, alpha: boolean, under: boolean, hash: number, slot: number): number {
    const toks: string[] = [];
    wordTokens(word, alpha, under, this.opts, toks);
    const w = this.wordKeys.length;
    this.wordKeys.push(word);
    if (w === this.wordHash.length) {
      this.wordHash = grow(this.wordHash, new Int32Array(w * 2));
      this.wordTermEnd = grow(this.wordTermEnd, new Uint32Array(w * 2));
    }
    this.wordHash[w] = hash;
    if (this.wordTermCount + toks.length > this.wordTermList.length) {
      this.wordTermList = grow(this.wordTermList, new Uint32Array(this.wordTermList.length * 2 + toks.length));
    }
    for (const term of toks) this.wordTermList[this.wordTermCount++] = this.termId(term);
    this.wordTermEnd[w] = this.wordTermCount;
    this.slots[slot] = w + 1;
    if (this.wordKeys.length * 2 > this.slots.length) this.rehash();
    return w;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      if (id === this.counts.length) this.counts = grow(this.counts, new Uint32Array(id * 2));
    }
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let w = 0; w < this.wordKeys.length; w++) {
      let slot = (this.wordHash[w] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = w + 1;
    }
    this.slots = slots;
  }
}

function sameChars(key: string, t: string, start: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (key.charCodeAt(i) !== t.charCodeAt(start + i)) return false;
  return true;
}

function grow<T extends Uint32Array | Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
