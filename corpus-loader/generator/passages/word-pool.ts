/** @module The vocabulary as one byte pool: every word pre-encoded once, so filler text is copied, never built from strings. */
import type { Vocabulary } from "../vocabulary.ts";

/** Words by rank as UTF-8 bytes in one buffer, with the vocabulary's Zipf sampler. */
export interface WordPool {
  /** All words' bytes, back to back. */
  readonly bytes: Uint8Array;
  /** Byte offset of word r in `bytes`. */
  readonly start: Uint32Array;
  /** Byte length of word r. */
  readonly len: Uint16Array;
  /** Number of words. */
  readonly size: number;
  /**
   * First word rank of each of the 2^16 equal-probability slots of the vocabulary's Zipf-Mandelbrot
   * distribution, plus one entry; see {@link sampleRank} (the renderer inlines it).
   */
  readonly slots: Uint32Array;
}

/** Bits of the slot table: 2^16 slots (256 KiB) stay in a core's cache where the vocabulary's 2^20-slot table (4 MiB) does not. */
const SLOT_BITS = 16;

/**
 * Word rank for a uniform 32-bit draw `u`: the top 16 bits pick a slot, the low 16 bits a rank within the
 * slot's range (a head word fills whole slots; tail words, nearly equally rare, share one).
 */
export function sampleRank(slots: Uint32Array, u: number): number {
  const s = u >>> 16;
  const lo = slots[s] as number;
  return lo + (((u & 0xffff) * ((slots[s + 1] as number) - lo + 1)) >>> 16);
}

/**
 * Encodes a vocabulary's words into one pool. Words must need no JSON escaping (the vocabulary's
 * words are letters and apostrophes; a word with `"`, `\` or a control character is refused).
 * @example
 * const pool = wordPool(buildVocabulary(1, 40_000));
 * pool.bytes.subarray(pool.start[0], pool.start[0] + pool.len[0]); // "the"
 */
export function wordPool(vocab: Vocabulary): WordPool {
  const enc = new TextEncoder();
  const encoded = vocab.words.map((w) => {
    if (/["\\\u0000-\u001f]/.test(w)) throw new RangeError(`word ${JSON.stringify(w)} would need JSON escaping`);
    return enc.encode(w);
  });
  const total = encoded.reduce((s, b) => s + b.length, 0);
  const bytes = new Uint8Array(total);
  const start = new Uint32Array(encoded.length);
  const len = new Uint16Array(encoded.length);
  let at = 0;
  encoded.forEach((b, r) => {
    bytes.set(b, at);
    start[r] = at;
    len[r] = b.length;
    at += b.length;
  });
  // slot i covers u in [i, i + 1) / 2^16: its ranks run from the rank at its start to the rank at its end
  const n = 1 << SLOT_BITS;
  const slots = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) slots[i] = vocab.sampleU(i / n);
  // the rank at the end of the last slot; within-slot draws never pass slots[s + 1], so ranks stay < size
  slots[n] = encoded.length - 1;
  for (let i = 0; i < n; i++) slots[i + 1] = Math.max(slots[i + 1] as number, slots[i] as number);
  return { bytes, start, len, size: encoded.length, slots };
}
