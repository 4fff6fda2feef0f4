/** @module Per-item random numbers for the passage generator: a mulberry32 state keyed by (stream key, item index). */
import { stream } from "../../../core/index.ts";

/** fmix32 of MurmurHash3: a bijective 32-bit avalanche. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A 32-bit key drawn once from the seedrandom stream `(seed, "passages", ...path)`: every per-item
 * stream of one purpose derives from it, so all draws stay a pure function of the seed.
 */
export function streamKey(seed: number, ...path: Array<string | number>): number {
  return Math.floor(stream(seed, "passages", ...path).next() * 4294967296) >>> 0;
}

/**
 * A reusable mulberry32 generator whose state is a hash of (key, index): item `i` (a passage, an
 * article) gets its own independent sequence without creating a stream object per item, so any item
 * can be rendered on its own (worker processes start mid-corpus) and the hot loop allocates nothing.
 * @example
 * const rng = new ItemRng();
 * rng.reset(streamKey(1, "text"), 42);
 * rng.int(10); // the same for passage 42 of seed 1, whatever was drawn before
 */
export class ItemRng {
  private a = 0;

  /** Positions the generator at the start of item `index`'s sequence under `key`. */
  reset(key: number, index: number): this {
    this.a = fmix((key ^ fmix(index + 0x9e3779b9)) >>> 0);
    return this;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const a = (this.a = (this.a + 0x6d2b79f5) | 0);
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
