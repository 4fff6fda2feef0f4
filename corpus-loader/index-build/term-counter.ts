/** @module Tokenises documents straight into (term id, per-field tf) pairs, caching the terms of each distinct word. */
import { BODY_FIELD, FIELD_NAMES, foldText, scanTokenWords, wordTokens, type TokenizerOptions } from "../../env/search/index.ts";
import { MAX_SMALL_TF, MAX_TF } from "./postings-builder.ts";

/** Fields per document in `TermBatch.docFieldLen`. */
export const FIELD_COUNT = FIELD_NAMES.length;

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
  /** Body term frequency of each pair, capped at `MAX_TF`. */
  pairTf: Uint16Array<ArrayBuffer>;
  /** Term frequencies of the small fields of each pair, one byte per field (byte f = field f), each capped at `MAX_SMALL_TF`. */
  pairSmall: Uint32Array<ArrayBuffer>;
  docPairEnd: Uint32Array<ArrayBuffer>;
  /** Tokens of each field of each document: document i, field f at `i × FIELD_COUNT + f`. */
  docFieldLen: Uint32Array<ArrayBuffer>;
  /** Tokens counted (after stopwords), all fields. */
  tokens: number;
}

/**
 * Counts terms document by document, field by field with the shared tokeniser (`scanTokenWords` + `wordTokens`), so
 * the terms are exactly `tokenize`'s. Each distinct word is folded into terms once and kept in an
 * open-addressing table keyed by its characters, so a repeated word costs one hash and compare, and
 * no string is allocated. Term ids are dense and in first-seen order over the documents counted.
 * @example
 * const c = new TermCounter({ stem: true });
 * c.addField("Title", 0); c.addField("Body text", BODY_FIELD); c.endDoc();
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
  private small = new Uint32Array(1 << 12);
  private touched = new Uint32Array(1 << 10);
  private nTouched = 0;
  private readonly fieldLen = new Uint32Array(FIELD_COUNT);
  private text = "";
  private field = BODY_FIELD;
  // Batch output.
  private pairTerm = new Uint32Array(1 << 16);
  private pairTf = new Uint16Array(1 << 16);
  private pairSmall = new Uint32Array(1 << 16);
  private nPairs = 0;
  private docPairEnd: number[] = [];
  private docFieldLen: number[] = [];
  private tokens = 0;
  private termsSent = 0;
  private readonly onWord = (start: number, end: number, alpha: boolean, under: boolean): void => this.word(start, end, alpha, under);

  constructor(opts: TokenizerOptions) {
    this.opts = { stem: opts.stem };
  }

  /** Counts one field (an index into `FIELD_NAMES`) of the current document; a field may be added in several parts. */
  addField(text: string, field: number): void {
    if (!(field >= 0 && field < FIELD_COUNT && Number.isInteger(field))) throw new RangeError(`field must be 0..${FIELD_COUNT - 1}, got ${field}`);
    this.text = foldText(text);
    this.field = field;
    scanTokenWords(this.text, this.onWord);
    this.text = "";
  }

  /** Closes the current document (its pairs go to the batch); returns its tokens over all fields. */
  endDoc(): number {
    const n = this.nTouched;
    if (this.nPairs + n > this.pairTerm.length) {
      const size = Math.max(this.pairTerm.length * 2, this.nPairs + n);
      this.pairTerm = grow(this.pairTerm, new Uint32Array(size));
      this.pairTf = grow(this.pairTf, new Uint16Array(size));
      this.pairSmall = grow(this.pairSmall, new Uint32Array(size));
    }
    const c = this.counts;
    const sm = this.small;
    for (let i = 0; i < n; i++) {
      const id = this.touched[i] as number;
      this.pairTerm[this.nPairs] = id;
      this.pairTf[this.nPairs] = Math.min(c[id] as number, MAX_TF);
      this.pairSmall[this.nPairs] = sm[id] as number;
      this.nPairs++;
      c[id] = 0;
      sm[id] = 0;
    }
    this.nTouched = 0;
    this.docPairEnd.push(this.nPairs);
    let len = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = this.fieldLen[f] as number;
      this.docFieldLen.push(l);
      len += l;
    }
    this.fieldLen.fill(0);
    return len;
  }

  /** Hands over the documents closed since the last call and starts a new batch. */
  takeBatch(): TermBatch {
    const batch: TermBatch = {
      newTerms: this.terms.slice(this.termsSent),
      termBase: this.termsSent,
      pairTerm: this.pairTerm.slice(0, this.nPairs),
      pairTf: this.pairTf.slice(0, this.nPairs),
      pairSmall: this.pairSmall.slice(0, this.nPairs),
      docPairEnd: Uint32Array.from(this.docPairEnd),
      docFieldLen: Uint32Array.from(this.docFieldLen),
      tokens: this.tokens,
    };
    this.termsSent = this.terms.length;
    this.nPairs = 0;
    this.docPairEnd = [];
    this.docFieldLen = [];
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
    const sm = this.small;
    const f = this.field;
    const shift = 8 * f;
    for (let j = a; j < z; j++) {
      const id = this.wordTermList[j] as number;
      const v = c[id] as number;
      const s = sm[id] as number;
      if (v === 0 && s === 0) {
        if (this.nTouched === this.touched.length) this.touched = grow(this.touched, new Uint32Array(this.touched.length * 2));
        this.touched[this.nTouched++] = id;
      }
      if (f === BODY_FIELD) c[id] = v + 1;
      else if (((s >>> shift) & 0xff) < MAX_SMALL_TF) sm[id] = (s + (1 << shift)) >>> 0;
    }
    this.tokens += z - a;
    this.fieldLen[f] = (this.fieldLen[f] as number) + (z - a);
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
      if (id === this.counts.length) {
        this.counts = grow(this.counts, new Uint32Array(id * 2));
        this.small = grow(this.small, new Uint32Array(id * 2));
      }
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
