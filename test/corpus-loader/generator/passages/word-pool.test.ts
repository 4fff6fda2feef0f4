import { describe, expect, it } from "vitest";
import { buildVocabulary } from "../../../../corpus-loader/generator/vocabulary.ts";
import { sampleRank, wordPool } from "../../../../corpus-loader/generator/passages/word-pool.ts";

describe("wordPool()", () => {
  const vocab = buildVocabulary(2, 30_000);
  const pool = wordPool(vocab);

  it("holds every word's bytes at its offset", () => {
    const dec = new TextDecoder();
    for (const r of [0, 1, 500, vocab.words.length - 1]) {
      const s = pool.start[r] as number;
      expect(dec.decode(pool.bytes.subarray(s, s + (pool.len[r] as number)))).toBe(vocab.words[r]);
    }
    expect(pool.size).toBe(vocab.words.length);
  });

  it("samples ranks inside the vocabulary with the vocabulary's head frequencies", () => {
    expect(sampleRank(pool.slots, 0)).toBe(0);
    expect(sampleRank(pool.slots, 0xffffffff)).toBeLessThan(pool.size);
    const n = 400_000;
    const mine = new Float64Array(pool.size);
    const theirs = new Float64Array(pool.size);
    // the same evenly spread draws through both samplers
    for (let i = 0; i < n; i++) {
      const u = Math.floor(((i + 0.5) / n) * 4294967296) >>> 0;
      const r = sampleRank(pool.slots, u);
      expect(r).toBeLessThan(pool.size);
      mine[r]! += 1;
      theirs[vocab.sampleU(u / 4294967296)]! += 1;
    }
    for (let r = 0; r < 20; r++) expect(Math.abs((mine[r] as number) - (theirs[r] as number)) / (theirs[r] as number)).toBeLessThan(0.01);
    // the tail is reached too
    let tail = 0;
    for (let r = 10_000; r < pool.size; r++) tail += mine[r] as number;
    expect(tail).toBeGreaterThan(0);
  });

  it("refuses a word that would need JSON escaping", () => {
    expect(() => wordPool({ words: ['say"'], sample: () => 0, sampleU: () => 0 })).toThrow(/JSON escaping/);
  });
});
