import { describe, expect, it } from "vitest";
import { buildEntities } from "../../../../corpus-loader/generator/entities.ts";
import { articleAt, buildLayout, factSlot, passagesOf } from "../../../../corpus-loader/generator/passages/article-layout.ts";
import { ItemRng, streamKey } from "../../../../corpus-loader/generator/passages/item-rng.ts";

describe("buildLayout()", () => {
  it("cuts the passages into articles that cover 0..n-1 exactly, places each entity at most once, and is a function of the seed", () => {
    const g = buildEntities(3, 400);
    const n = 5_000;
    const layout = buildLayout(3, n, g);
    expect(layout.start[0]).toBe(0);
    expect(layout.start[layout.articles]).toBe(n);
    for (let a = 0; a < layout.articles; a++) {
      expect(passagesOf(layout, a)).toBeGreaterThan(0);
      expect(articleAt(layout, layout.start[a] as number)).toBe(a);
      expect(articleAt(layout, (layout.start[a + 1] as number) - 1)).toBe(a);
    }
    const entityArticles = [...layout.entityOf].filter((e) => e >= 0);
    expect(new Set(entityArticles).size).toBe(entityArticles.length);
    for (let e = 0; e < g.entities.length; e++) {
      const a = layout.articleOf[e] as number;
      if (a >= 0) expect(layout.entityOf[a]).toBe(e);
    }
    // most entities get an article in a corpus this size
    expect(entityArticles.length).toBeGreaterThan(g.entities.length * 0.9);
    expect([...buildLayout(3, n, g).start]).toEqual([...layout.start]);
    expect([...buildLayout(4, n, g).start]).not.toEqual([...layout.start]);
  });
});

describe("factSlot()", () => {
  it("spreads m facts over an article's passages in order, the first in its first passage", () => {
    for (const count of [1, 2, 3, 5])
      for (const m of [1, 2, 4, 7]) {
        const slots = Array.from({ length: m }, (_, k) => factSlot(k, m, count));
        expect(slots[0]).toBe(0);
        for (let k = 1; k < m; k++) expect(slots[k]).toBeGreaterThanOrEqual(slots[k - 1] as number);
        expect(Math.max(...slots)).toBeLessThan(count);
      }
  });
});

describe("ItemRng", () => {
  it("gives item i the same sequence whatever was drawn before, and different items different sequences", () => {
    const key = streamKey(9, "text");
    const rng = new ItemRng();
    const seq = (i: number): number[] => Array.from({ length: 5 }, () => rng.reset(key, i).u32());
    const first = Array.from({ length: 5 }, (_, k) => (k === 0 ? rng.reset(key, 7).u32() : rng.u32()));
    rng.reset(key, 8).u32();
    expect(Array.from({ length: 5 }, (_, k) => (k === 0 ? rng.reset(key, 7).u32() : rng.u32()))).toEqual(first);
    expect(seq(7)[0]).not.toBe(seq(8)[0]);
    expect(streamKey(9, "text")).toBe(key);
    expect(streamKey(10, "text")).not.toBe(key);
  });
});
