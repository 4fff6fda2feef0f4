import { describe, expect, it } from "vitest";
import { stream } from "../../../core/seeded-stream.ts";
import { bodyWords, paragraphs } from "../../../corpus-loader/generator/prose.ts";
import { buildVocabulary } from "../../../corpus-loader/generator/vocabulary.ts";
import * as tables from "../../../corpus-loader/generator/word-tables.ts";

describe("buildVocabulary()", () => {
  const v = buildVocabulary(1, 20_000);

  it("has the requested number of unique words, common English first", () => {
    expect(v.words).toHaveLength(20_000);
    expect(new Set(v.words).size).toBe(20_000);
    expect(v.words[0]).toBe("the");
  });

  it("draws word ranks with a Zipf-like (heavy head, long tail) distribution", () => {
    const rng = stream(1, "test");
    const freq = new Map<number, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const r = v.sample(rng);
      freq.set(r, (freq.get(r) ?? 0) + 1);
    }
    const f0 = freq.get(0) ?? 0;
    const f9 = freq.get(9) ?? 0;
    // rank 0 vs rank 9 should be about (9 + 2.7) / 2.7 ≈ 4.3 times as frequent
    expect(f0 / f9).toBeGreaterThan(3);
    expect(f0 / f9).toBeLessThan(6);
    expect(freq.size).toBeGreaterThan(8_000);
    expect(Math.max(...freq.keys())).toBeLessThan(20_000);
  });
});

describe("paragraphs()", () => {
  it("produces about the requested number of words, deterministically", () => {
    const v = buildVocabulary(1, 5_000);
    const topic = { words: ["zorblat"], mentions: ["Anna K. Mervolt"] };
    const text = paragraphs(stream(2, "p"), v, 500, topic).join(" ");
    const words = text.split(/\s+/).length;
    expect(words).toBeGreaterThan(480);
    expect(words).toBeLessThan(560);
    expect(paragraphs(stream(2, "p"), v, 500, topic).join(" ")).toBe(text);
  });
});

describe("bodyWords()", () => {
  it("is log-normal around the median with a long tail", () => {
    const rng = stream(5, "len");
    const xs = Array.from({ length: 5000 }, () => bodyWords(rng, 400)).sort((a, b) => a - b);
    const median = xs[2500] as number;
    expect(median).toBeGreaterThan(340);
    expect(median).toBeLessThan(460);
    expect(xs[4990]).toBeGreaterThan(1500);
  });
});

describe("word tables", () => {
  it("contain no HTML-special characters (pages embed them unescaped)", () => {
    const all = JSON.stringify(Object.values(tables));
    expect(all).not.toMatch(/[<>&]/);
  });
});
