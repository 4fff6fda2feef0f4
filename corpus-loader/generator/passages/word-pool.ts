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
  /** Word rank by the top 20 bits of a uniform 32-bit draw `u`: `table[u >>> 12]` (the vocabulary's Zipf-Mandelbrot table). */
  readonly table: Uint32Array;
}

/** Bits of the rank table (the vocabulary's inverse-CDF table has 2^20 slots). */
const TABLE_BITS = 20;

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
  // slot i of the vocabulary's table answers every u in [i, i + 1) / 2^20: read it back at slot centres
  const table = new Uint32Array(1 << TABLE_BITS);
  for (let i = 0; i < table.length; i++) table[i] = vocab.sampleU((i + 0.5) / (1 << TABLE_BITS));
  return { bytes, start, len, size: encoded.length, table };
}
