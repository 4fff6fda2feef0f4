/** @module A Zipf-distributed vocabulary (common English words + seeded pseudo-words) and a word sampler. */
import { stream } from "../../core/index.ts";
import type { Rng } from "../../core/index.ts";
import { CODAS, COMMON_WORDS, ONSETS, VOWELS } from "./word-tables.ts";

/** Size of the inverse-CDF lookup table (2^20 slots: words down to p ≈ 1e-6 get a slot). */
const TABLE_BITS = 20;
const TABLE_SIZE = 1 << TABLE_BITS;

/** A vocabulary whose words are drawn with Zipf-Mandelbrot frequencies (rank r ∝ 1/(r+2.7)). */
export interface Vocabulary {
  /** Words by rank (0 = most frequent). */
  readonly words: readonly string[];
  /** Draws one word rank. */
  sample(rng: Rng): number;
  /** Word rank for a uniform draw `u` in [0, 1). */
  sampleU(u: number): number;
}

/** Makes one pronounceable pseudo-word of 2–3 syllables. */
export function pseudoWord(rng: Rng): string {
  const n = 2 + (rng.chance(0.35) ? 1 : 0);
  let w = "";
  for (let i = 0; i < n; i++) {
    w += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === n - 1 ? rng.pick(CODAS) : "");
  }
  return w;
}

/**
 * Builds a vocabulary of `size` words: the common English words first, then unique seeded
 * pseudo-words. Frequencies follow Zipf-Mandelbrot, so term statistics look web-like.
 * @example
 * const v = buildVocabulary(42, 20000);
 * v.words[v.sample(rng)];
 */
export function buildVocabulary(seed: number, size: number): Vocabulary {
  const rng = stream(seed, "generator", "vocabulary");
  const words: string[] = [];
  const seen = new Set<string>();
  for (const w of COMMON_WORDS) {
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  let guard = 0;
  while (words.length < size && guard < size * 50) {
    guard++;
    const w = pseudoWord(rng);
    if (w.length < 4 || seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  const table = new Uint32Array(TABLE_SIZE);
  let total = 0;
  for (let r = 0; r < words.length; r++) total += 1 / (r + 2.7);
  let cum = 0;
  let slot = 0;
  for (let r = 0; r < words.length && slot < TABLE_SIZE; r++) {
    cum += 1 / (r + 2.7) / total;
    const end = Math.min(TABLE_SIZE, Math.round(cum * TABLE_SIZE));
    // every word gets at least one slot so the whole vocabulary can occur
    const stop = Math.max(end, slot + 1);
    for (; slot < stop && slot < TABLE_SIZE; slot++) table[slot] = r;
  }
  for (; slot < TABLE_SIZE; slot++) table[slot] = words.length - 1;
  return {
    words,
    sample: (r) => table[(r.next() * TABLE_SIZE) | 0] as number,
    sampleU: (u) => table[(u * TABLE_SIZE) | 0] as number,
  };
}
