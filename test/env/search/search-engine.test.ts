import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stream } from "../../../core/seeded-stream.ts";
import { SearchEngine, SearchError, exhaustiveTopK, MAX_QUERY_TERMS, SNIPPET_MAX_CHARS } from "../../../env/search/index.ts";
import { writeSyntheticPages } from "../../../scripts/bench/search-corpus.ts";
import { makeFixture, type Fixture } from "./corpus-fixture.ts";

let fx: Fixture;
let engine: SearchEngine;

beforeAll(async () => {
  // Low tiering thresholds so most query terms are split into impact tiers.
  fx = await makeFixture({}, { tiers: { minDf: 16, fractions: [0.3, 0.05] } });
  engine = await SearchEngine.load(fx.path, { cacheSize: 64 });
});
afterAll(() => fx?.cleanup());

function oracle(query: string, k: number, offset: number) {
  const plan = engine.plan(engine.parse(query));
  return exhaustiveTopK(engine.index, plan, k, offset, engine.verifier(plan));
}

function randomQuery(i: number): { q: string; k: number; offset: number } {
  const rng = stream(99, "queries", i);
  const v = fx.vocabulary;
  const parts: string[] = [];
  const n = 1 + rng.int(8);
  for (let j = 0; j < n; j++) {
    // Mix very common (rank < 20), mid and rare words.
    const r = rng.chance(0.4) ? rng.int(20) : rng.chance(0.6) ? rng.int(300) : rng.int(v.length);
    parts.push(v[r] as string);
  }
  if (rng.chance(0.2)) {
    const doc = engine.pages.text(rng.int(fx.handStart)).split(" ");
    const at = rng.int(Math.max(1, doc.length - 3));
    parts.push(
      `"${doc
        .slice(at, at + 2 + rng.int(2))
        .join(" ")
        .replace(/[."]/g, "")}"`,
    );
  }
  if (rng.chance(0.15)) parts.push(`site:${rng.chance(0.5) ? "docs." : ""}site${rng.int(20)}.example`);
  if (rng.chance(0.1)) parts.push(`-site:site${rng.int(20)}.example`);
  if (rng.chance(0.05)) parts.push(`-${v[rng.int(50)] as string}`);
  const paged = rng.chance(0.25);
  return { q: parts.join(" "), k: paged ? 5 : 10, offset: paged ? 5 * (1 + rng.int(4)) : 0 };
}

describe("SearchEngine.search()", () => {
  it("returns exactly the exhaustive top-k (ids and scores) for 400 seeded queries", () => {
    let nonEmpty = 0;
    for (let i = 0; i < 400; i++) {
      const { q, k, offset } = randomQuery(i);
      const res = engine.search(q, { k, offset, snippets: false, workBudget: 0 }); // rank safety: no budget cut (deadline.test.ts covers cuts)
      const want = oracle(q, k, offset);
      const got = res.results.map((r) => [r.pageId, r.score]);
      const exp = want.hits.map((h) => [h.doc, h.score * engine.index.params.unit]);
      expect(got, q).toEqual(exp);
      if (res.totalExact) expect(res.total, q).toBe(want.total);
      else expect(res.total, q).toBeGreaterThanOrEqual(offset + k);
      if (got.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(250);
  });

  it("ranks equal scores by lower page id and numbers ranks across pages", () => {
    const all = engine.search(fx.vocabulary[0] as string, { k: 20, snippets: false }).results;
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1]!;
      const b = all[i]!;
      expect(a.score > b.score || (a.score === b.score && a.pageId < b.pageId)).toBe(true);
    }
    const page2 = engine.search(fx.vocabulary[0] as string, { k: 10, offset: 10, snippets: false }).results;
    expect(page2.map((r) => r.pageId)).toEqual(all.slice(10).map((r) => r.pageId));
    expect(page2[0]?.rank).toBe(11);
  });

  it("returns only pages containing a quoted phrase", () => {
    const res = engine.search('"new york"', { k: 10 });
    const ids = res.results.map((r) => r.pageId);
    expect(ids).toContain(fx.handStart + 2);
    expect(ids).not.toContain(fx.handStart + 3); // has "new" and "york" but not adjacent
    const loose = engine.search("new york", { k: 10 }).results.map((r) => r.pageId);
    expect(loose).toContain(fx.handStart + 3);
  });

  it("keeps stopword gaps in phrases", () => {
    const ids = engine.search('"state of the art"', { k: 5 }).results.map((r) => r.pageId);
    expect(ids).toEqual([fx.handStart + 1]);
    expect(engine.search('"state art"', { k: 5 }).results).toEqual([]);
  });

  it("filters by site: (host and subdomains) and -site:", () => {
    const all = engine.search("york", { k: 10 }).results.map((r) => r.url);
    expect(all.length).toBe(2);
    const onlyNews = engine.search("york site:news.example", { k: 10 }).results;
    expect(onlyNews.length).toBe(2); // www.news.example counts as news.example
    // "www." is ignored on both sides, so this excludes news.example and www.news.example.
    expect(engine.search("pizza -site:www.news.example", { k: 10 }).results).toEqual([]);
    const notMinster = engine.search("york -site:news.example.", { k: 10 }).results;
    expect(notMinster).toEqual([]);
    const other = engine.search("york -site:blog.example", { k: 10 }).results.map((r) => r.pageId);
    expect(other.sort()).toEqual([fx.handStart + 2, fx.handStart + 3]);
    const siteOnly = engine.search("site:python.example", { k: 10 });
    expect(siteOnly.results.map((r) => r.pageId)).toEqual([fx.handStart]);
    expect(siteOnly.total).toBe(1);
  });

  it("matches identifiers, their parts, dotted versions and folded diacritics", () => {
    for (const q of ["pbkdf2_hmac", "pbkdf2", "hmac", "3.11", "file_digest"]) {
      expect(engine.search(q).results[0]?.pageId, q).toBe(fx.handStart);
    }
    expect(engine.search("cafe sao paulo").results[0]?.pageId).toBe(fx.handStart + 1);
    expect(engine.search("NAÏVE Résumé").results[0]?.pageId).toBe(fx.handStart + 1);
  });

  it("builds snippets with highlighted terms within the length bound", () => {
    const res = engine.search("pbkdf2 derivation", { k: 1 });
    expect(res.results[0]?.snippet).toContain("**");
    expect(res.results[0]?.snippet).toMatch(/\*\*derivation\*\*/);
    for (let i = 0; i < 30; i++) {
      const { q } = randomQuery(i);
      for (const r of engine.search(q, { k: 5 }).results) {
        expect(r.snippet.length).toBeLessThanOrEqual(SNIPPET_MAX_CHARS);
        expect(r.snippet.length).toBeGreaterThan(0);
      }
    }
  });

  it("treats bad input as a defined result, never a crash", () => {
    expect(engine.search("").results).toEqual([]);
    expect(engine.search("   ").total).toBe(0);
    expect(engine.search("the of and").results).toEqual([]);
    expect(engine.search('"unbalanced pizza').results.length).toBeGreaterThan(0);
    expect(engine.search("piz\u0000za\u0007 york\u001b").results.length).toBeGreaterThan(0);
    const long = Array.from({ length: 2000 }, (_, i) => fx.vocabulary[i % fx.vocabulary.length]).join(" ");
    expect(long.length).toBeGreaterThan(10_000);
    const res = engine.search(long, { k: 3 });
    expect(res.results.length).toBe(3);
    expect(engine.parse(long).terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(engine.search("zzqqxxunknownword").results).toEqual([]);
    expect(engine.search("-pizza").results).toEqual([]);
    expect(() => engine.search("x", { k: -1 })).toThrow(SearchError);
    expect(() => engine.search("x", { offset: 1.5 })).toThrow(/offset/);
    expect(() => engine.search(42 as unknown as string)).toThrow(expect.objectContaining({ code: "BAD_QUERY" }));
  });

  it("serves repeated queries from the LRU cache and counts hits", () => {
    const before = engine.stats().cache.hits;
    const a = engine.search("pizza   York", { k: 3 });
    const b = engine.search("pizza york", { k: 3 });
    expect(b.cached).toBe(true);
    expect(b.results).toEqual(a.results);
    expect(engine.stats().cache.hits).toBe(before + 1);
  });
});

describe("SearchEngine.stats()", () => {
  it("reports sizes per posting and per page", () => {
    const s = engine.stats();
    expect(s.pages).toBe(fx.stats.pages);
    expect(s.postings).toBe(fx.stats.postings);
    expect(s.bytesPerPosting).toBeGreaterThan(1);
    expect(s.bytesPerPage).toBeCloseTo(s.indexBytes / s.pages);
    expect(s.params.stem).toBe(true);
  });
});

describe("SearchEngine.load()", () => {
  it("fails with INDEX_MISSING for a missing file", async () => {
    await expect(SearchEngine.load("/nonexistent/x.duckdb")).rejects.toMatchObject({ code: "INDEX_MISSING" });
  });

  it("fails with INDEX_MISSING for a corpus that was never indexed", async () => {
    const path = join(fx.dir, "unindexed.duckdb");
    const inst = await DuckDBInstance.create(path);
    const conn = await inst.connect();
    await writeSyntheticPages(conn, { seed: 1, pages: 3, vocab: 100 });
    conn.closeSync();
    inst.closeSync();
    await expect(SearchEngine.load(path)).rejects.toMatchObject({ code: "INDEX_MISSING" });
  });
});
