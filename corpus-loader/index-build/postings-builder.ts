/** @module Accumulates (term, per-field tf) pairs per document during the index build and inverts them into postings. */
import { BODY_FIELD } from "../../env/search/index.ts";

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

/** Body term frequencies are capped here (stored as uint16). */
export const MAX_TF = 0xffff;

/** Term frequencies of the small fields (title, headings, anchors, url) are capped here (one byte each). */
export const MAX_SMALL_TF = 0xff;

/** A growable uint array stored in fixed chunks (no doubling copies, no 4 GiB single buffer). */
class ChunkedArray<T extends Uint32Array | Uint16Array> {
  private readonly chunks: T[] = [];
  private readonly make: (n: number) => T;
  length = 0;
  constructor(make: (n: number) => T) {
    this.make = make;
  }
  push(v: number): void {
    const c = this.length >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(this.make(CHUNK));
    (this.chunks[c] as T)[this.length & (CHUNK - 1)] = v;
    this.length++;
  }
  get(i: number): number {
    return (this.chunks[i >>> CHUNK_BITS] as T)[i & (CHUNK - 1)] as number;
  }
}

/**
 * Inverted postings: for term t, entries `termStart[t] .. termStart[t+1]-1`, doc ids ascending;
 * `tfs` the body tf of each, `smalls` the small fields' tfs (byte f = field f).
 */
export interface InvertedPostings {
  termStart: Float64Array;
  docs: Uint32Array;
  tfs: Uint16Array;
  smalls: Uint32Array;
}

/**
 * Collects the term dictionary and each document's per-field term frequencies, in increasing doc id
 * order, then inverts them with one counting sort.
 */
export class PostingsBuilder {
  /** Term string → dense term id (first-seen order). */
  readonly terms = new Map<string, number>();
  private readonly pairTerm = new ChunkedArray((n) => new Uint32Array(n));
  private readonly pairTf = new ChunkedArray((n) => new Uint16Array(n));
  private readonly pairSmall = new ChunkedArray((n) => new Uint32Array(n));
  private readonly docIds: number[] = [];
  private readonly docPairEnd: number[] = [];
  private df = new Uint32Array(1024);
  private scratch = new Uint32Array(1024);
  private scratchSmall = new Uint32Array(1024);
  private readonly touched: number[] = [];
  private lastDoc = -1;
  /** Tokens seen (after stopwords), for throughput figures. */
  tokens = 0;

  /** Dense id of `term`, assigning the next id when it is new (first-seen order). */
  intern(term: string): number {
    let id = this.terms.get(term);
    if (id === undefined) {
      id = this.terms.size;
      this.terms.set(term, id);
      if (id >= this.df.length) {
        const df = new Uint32Array(this.df.length * 2);
        df.set(this.df);
        this.df = df;
        const sc = new Uint32Array(this.scratch.length * 2);
        sc.set(this.scratch);
        this.scratch = sc;
        const ss = new Uint32Array(this.scratchSmall.length * 2);
        ss.set(this.scratchSmall);
        this.scratchSmall = ss;
      }
    }
    return id;
  }

  /**
   * Adds one document: token lists with the index of their field in `FIELD_NAMES` (a field may come
   * in several parts). Returns the document's tokens per field. Doc ids must strictly increase.
   */
  addDoc(docId: number, fields: ReadonlyArray<{ tokens: readonly string[]; field: number }>): number[] {
    if (docId <= this.lastDoc) throw new RangeError(`doc ids must increase (${docId} after ${this.lastDoc})`);
    this.lastDoc = docId;
    const lens = [0, 0, 0, 0, 0];
    for (const f of fields) {
      const shift = 8 * f.field;
      for (const term of f.tokens) {
        const id = this.intern(term);
        const s = this.scratch;
        const ss = this.scratchSmall;
        if (s[id] === 0 && ss[id] === 0) this.touched.push(id);
        if (f.field === BODY_FIELD) s[id] = (s[id] as number) + 1;
        else if ((((ss[id] as number) >>> shift) & 0xff) < MAX_SMALL_TF) ss[id] = ((ss[id] as number) + (1 << shift)) >>> 0;
      }
      lens[f.field] = (lens[f.field] as number) + f.tokens.length;
      this.tokens += f.tokens.length;
    }
    const s = this.scratch;
    const ss = this.scratchSmall;
    for (const id of this.touched) {
      this.pairTerm.push(id);
      this.pairTf.push(Math.min(s[id] as number, MAX_TF));
      this.pairSmall.push(ss[id] as number);
      this.df[id] = (this.df[id] as number) + 1;
      s[id] = 0;
      ss[id] = 0;
    }
    this.touched.length = 0;
    this.docIds.push(docId);
    this.docPairEnd.push(this.pairTerm.length);
    return lens;
  }

  /**
   * Adds one document given as pairs `from .. to-1` of `terms` (ids mapped through `remap`, which
   * must give ids from `intern`), `tfs` (body, capped) and `smalls` (packed small fields). Each term
   * at most once. Doc ids must strictly increase. Gives the same postings as `addDoc` on the same tokens.
   */
  addPairs(docId: number, terms: Uint32Array, tfs: Uint16Array, smalls: Uint32Array, from: number, to: number, remap: Uint32Array): void {
    if (docId <= this.lastDoc) throw new RangeError(`doc ids must increase (${docId} after ${this.lastDoc})`);
    this.lastDoc = docId;
    const df = this.df;
    for (let i = from; i < to; i++) {
      const id = remap[terms[i] as number] as number;
      this.pairTerm.push(id);
      this.pairTf.push(tfs[i] as number);
      this.pairSmall.push(smalls[i] as number);
      df[id] = (df[id] as number) + 1;
    }
    this.docIds.push(docId);
    this.docPairEnd.push(this.pairTerm.length);
  }

  /** Number of (term, doc) postings collected. */
  get postings(): number {
    return this.pairTerm.length;
  }

  /** Inverts the collected pairs (postings sorted by doc id within each term). */
  invert(): InvertedPostings {
    const T = this.terms.size;
    const P = this.pairTerm.length;
    if (P > 0xffffffff) throw new RangeError(`too many postings for one index (${P})`);
    const termStart = new Float64Array(T + 1);
    for (let t = 0; t < T; t++) termStart[t + 1] = (termStart[t] as number) + (this.df[t] as number);
    const fill = termStart.slice(0, T);
    const docs = new Uint32Array(P);
    const tfs = new Uint16Array(P);
    const smalls = new Uint32Array(P);
    let j = 0;
    for (let i = 0; i < this.docIds.length; i++) {
      const d = this.docIds[i] as number;
      const end = this.docPairEnd[i] as number;
      for (; j < end; j++) {
        const t = this.pairTerm.get(j);
        const k = fill[t] as number;
        fill[t] = k + 1;
        docs[k] = d;
        tfs[k] = this.pairTf.get(j);
        smalls[k] = this.pairSmall.get(j);
      }
    }
    return { termStart, docs, tfs, smalls };
  }
}
