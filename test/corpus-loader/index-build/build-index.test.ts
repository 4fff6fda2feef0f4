import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDBInstance } from "@duckdb/node-api";
import { buildIndex } from "../../../corpus-loader/index-build/index.ts";
import { FIELD_NAMES, SearchEngine, exhaustiveTopK, parseFieldSpec, topKMaxScore } from "../../../env/search/index.ts";
import { writeSyntheticPages } from "../../../scripts/bench/search-corpus.ts";
import { makeFixture, type Fixture } from "../../env/search/corpus-fixture.ts";

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture({ pages: 600 }, { stem: false, fields: parseFieldSpec("title:3:0.4") });
});
afterAll(() => fx?.cleanup());

async function sql(path: string, q: string): Promise<Array<Record<string, unknown>>> {
  const inst = await DuckDBInstance.create(path);
  const conn = await inst.connect();
  try {
    return (await conn.runAndReadAll(q)).getRowObjectsJS();
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

describe("buildIndex()", () => {
  it("skips noindex and non-2xx pages and records parameters in meta", async () => {
    const skipped = await sql(fx.path, `SELECT count(*)::INT AS n FROM pages WHERE noindex OR status >= 300`);
    expect(fx.stats.skipped).toBe(skipped[0]?.n);
    expect(fx.stats.skipped).toBeGreaterThan(0);
    const meta = new Map((await sql(fx.path, `SELECT key, value FROM meta WHERE key LIKE 'index.%'`)).map((r) => [r.key, r.value]));
    expect(meta.get("index.stem")).toBe("false");
    expect(meta.get("index.k1")).toBe("1.2");
    const fields = JSON.parse(String(meta.get("index.fields"))) as Array<Record<string, unknown>>;
    expect(fields.map((f) => f.name)).toEqual([...FIELD_NAMES]);
    expect(fields[0]).toMatchObject({ name: "title", weight: 3, b: 0.4 });
    expect(Number(fields[0]?.avgLen)).toBeGreaterThan(0);
    expect(fields[4]).toMatchObject({ name: "body", weight: 1, b: 0.75 });
    const engine = await SearchEngine.load(fx.path);
    const hidden = await sql(fx.path, `SELECT id, title FROM pages WHERE noindex LIMIT 1`);
    const res = engine.search(String(hidden[0]?.title), { k: 100 });
    expect(res.results.map((r) => r.pageId)).not.toContain(hidden[0]?.id);
  });

  it("stores the index as blob parts, not per-posting rows", async () => {
    const rows = await sql(fx.path, `SELECT count(*)::INT AS n FROM index_blobs`);
    expect(Number(rows[0]?.n)).toBeLessThan(30);
    expect(fx.stats.postings).toBeGreaterThan(10_000);
  });

  it("prunes: scores far fewer candidates than match, with the same top-k", async () => {
    const engine = await SearchEngine.load(fx.path);
    const plan = engine.plan(engine.parse(fx.vocabulary.slice(0, 4).join(" ")));
    const fast = topKMaxScore(engine.index, plan, 10, null);
    const slow = exhaustiveTopK(engine.index, plan, 10, 0, null);
    expect(fast.hits).toEqual(slow.hits);
    expect(fast.scored).toBeLessThan(slow.total / 2);
  });

  it("rebuilds after pages were added", async () => {
    const before = fx.stats.pages;
    const inst = await DuckDBInstance.create(fx.path);
    const conn = await inst.connect();
    await writeSyntheticPages(conn, { seed: 5, pages: 50, vocab: 2000, medianWords: 60, hosts: 3 });
    await conn.run(`UPDATE pages SET title = 'zyxwvu unique title' WHERE id = (SELECT max(id) FROM pages)`);
    conn.closeSync();
    inst.closeSync();
    const stats = await buildIndex(fx.path, { stem: false });
    expect(stats.pages).toBe(before + 50);
    const engine = await SearchEngine.load(fx.path);
    expect(engine.search("zyxwvu").results[0]?.title).toBe("zyxwvu unique title");
  });

  it("rejects bad options and missing files with loader codes", async () => {
    await expect(buildIndex(fx.path, { k1: 0 })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(buildIndex(fx.path, { fields: [{ name: "body", weight: 1, b: 2 }] })).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: /b of field 'body'/,
    });
    await expect(buildIndex(fx.path, { fields: [{ name: "title", weight: 0, b: 0.5 }] })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(buildIndex("/nonexistent/c.duckdb")).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
  });

  it("makes the engine refuse an index of another version", async () => {
    const inst = await DuckDBInstance.create(fx.path);
    const conn = await inst.connect();
    await conn.run(`UPDATE meta SET value = '999' WHERE key = 'index.version'`);
    conn.closeSync();
    inst.closeSync();
    await expect(SearchEngine.load(fx.path)).rejects.toMatchObject({ code: "INDEX_VERSION", message: /rerun `simweb index/ });
    await buildIndex(fx.path);
    await expect(SearchEngine.load(fx.path)).resolves.toBeInstanceOf(SearchEngine);
  });
});
