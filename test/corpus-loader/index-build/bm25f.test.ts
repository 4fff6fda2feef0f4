import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { stream } from "../../../core/index.ts";
import { buildIndex } from "../../../corpus-loader/index-build/index.ts";
import { urlWords } from "../../../corpus-loader/index-build/url-words.ts";
import { bm25Idf } from "../../../corpus-loader/index-build/impact-encoder.ts";
import {
  ALL_FIELDS,
  DEFAULT_FIELDS,
  FIELD_NAMES,
  SearchEngine,
  exhaustiveTopK,
  parseFieldSpec,
  tokenize,
  topKMaxScore,
  type IndexField,
} from "../../../env/search/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-bm25f-");
let world: TestWorld;
const ALL = parseFieldSpec("", ALL_FIELDS);
beforeAll(async () => {
  world = await makeWorld(dir, 500, 31);
  await buildIndex(world.db, { fields: ALL });
}, 120_000);

async function rows(path: string, q: string): Promise<Array<Record<string, unknown>>> {
  const inst = await DuckDBInstance.create(path);
  const conn = await inst.connect();
  try {
    return (await conn.runAndReadAll(q)).getRowObjectsJS();
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

/** Seeded queries from page titles, headings and anchors of the world (1–6 words, some mixed). */
async function queries(path: string, n: number): Promise<string[]> {
  const pages = await rows(path, `SELECT title, headings FROM pages WHERE status < 300 ORDER BY id`);
  const anchors = await rows(path, `SELECT anchor FROM links WHERE anchor <> '' ORDER BY src_id, anchor`);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const rng = stream(5, "bm25f-queries", i);
    const p = pages[rng.int(pages.length)] as Record<string, unknown>;
    const src = rng.int(3);
    const text = src === 0 ? String(p.title) : src === 1 ? (String(p.headings).split("\n")[0] ?? "") : String(anchors[rng.int(anchors.length)]?.anchor ?? "");
    const words = text.split(/\s+/).filter((w) => w !== "");
    const at = rng.int(Math.max(1, words.length - 1));
    out.push(words.slice(at, at + 1 + rng.int(6)).join(" ") || "page");
  }
  return out;
}

describe("BM25F index", () => {
  it("the loader keeps h1–h3 headings and the build records every field with its average length", async () => {
    const withHeadings = await rows(world.db, `SELECT count(*)::INT AS n FROM pages WHERE headings <> ''`);
    expect(Number(withHeadings[0]?.n)).toBeGreaterThan(world.pages / 2);
    const engine = await SearchEngine.load(world.db);
    const fields = engine.index.params.fields;
    expect(fields.map((f) => f.name)).toEqual([...FIELD_NAMES]);
    for (const f of fields) expect(f.avgLen).toBeGreaterThan(0);
  });

  it("pruned top-k equals exhaustive BM25F top-k (ids and scores) for seeded queries, for default and skewed fields", async () => {
    for (const spec of ["", "title:8:1,headings:0,anchors:6:0,url:4:0.9,body:0.5:0.2"]) {
      if (spec !== "") await buildIndex(world.db, { fields: parseFieldSpec(spec, ALL), tiers: { minDf: 16, fractions: [0.3, 0.05] } });
      const engine = await SearchEngine.load(world.db, { cacheSize: 0 });
      let nonEmpty = 0;
      for (const q of await queries(world.db, 300)) {
        const plan = engine.plan(engine.parse(q));
        const fast = topKMaxScore(engine.index, plan, 10, null);
        const slow = exhaustiveTopK(engine.index, plan, 10, 0, null);
        expect(fast.hits).toEqual(slow.hits);
        if (slow.hits.length > 0) nonEmpty++;
      }
      expect(nonEmpty).toBeGreaterThan(250);
    }
    await buildIndex(world.db, { fields: ALL });
  }, 120_000);

  it("scores a one-term query as BM25F computed from the stored fields (up to quantisation)", async () => {
    const engine = await SearchEngine.load(world.db, { cacheSize: 0 });
    const fields = engine.index.params.fields;
    const k1 = engine.index.params.k1;
    const pages = await rows(world.db, `SELECT id, url, title, headings, text FROM pages WHERE NOT noindex AND status < 300 ORDER BY id`);
    const links = await rows(world.db, `SELECT DISTINCT src_id, dst_id, anchor FROM links WHERE dst_id IS NOT NULL AND dst_id <> src_id AND anchor <> ''`);
    const anchorsOf = new Map<number, string[]>();
    for (const l of links) anchorsOf.set(Number(l.dst_id), [...(anchorsOf.get(Number(l.dst_id)) ?? []), String(l.anchor)]);
    const stem = { stem: engine.index.params.stem };
    const toks = pages.map((p) => [
      tokenize(String(p.title), stem),
      tokenize(String(p.headings), stem),
      tokenize((anchorsOf.get(Number(p.id)) ?? []).join("\n"), stem),
      tokenize(urlWords(String(p.url)), stem),
      tokenize(String(p.text), stem),
    ]);
    const avg = FIELD_NAMES.map((_, f) => toks.reduce((a, t) => a + (t[f] as string[]).length, 0) / pages.length);
    avg.forEach((a, f) => expect((fields[f] as IndexField).avgLen).toBeCloseTo(a, 9));
    // a term that occurs in titles and anchors as well as bodies
    const term = tokenize(String(pages[3]?.title), stem).find((t) => toks.filter((d) => (d[2] as string[]).includes(t)).length > 2) ?? "";
    expect(term).not.toBe("");
    const df = toks.filter((d) => d.some((f) => f.includes(term))).length;
    const idf = bm25Idf(pages.length, df);
    const want = toks
      .map((d, i) => {
        let tf = 0;
        d.forEach((f, fi) => {
          const c = f.filter((t) => t === term).length;
          const { weight, b } = fields[fi] as IndexField;
          if (c > 0) tf += (Math.min(c, fi === 4 ? 0xffff : 0xff) * weight) / (1 - b + (b * f.length) / (avg[fi] as number));
        });
        return { id: Number(pages[i]?.id), s: tf > 0 ? (idf * tf) / (tf + k1) : 0 };
      })
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.id - b.id);
    const got = engine.search(term, { k: 10, snippets: false, workBudget: 0 }).results;
    const best = want[0]?.s ?? 1;
    expect(got.length).toBe(Math.min(10, want.length));
    got.forEach((r, i) => {
      expect(Math.abs(r.score - (want.find((w) => w.id === r.pageId)?.s ?? -1))).toBeLessThan(best * 0.01);
      expect(Math.abs(r.score - (want[i]?.s ?? 0))).toBeLessThan(best * 0.01);
    });
  });

  it("finds a page by the anchor text of its in-links, and drops that when anchors weigh 0", async () => {
    const inst = await DuckDBInstance.create(world.db);
    const conn = await inst.connect();
    const target = (await conn.runAndReadAll(`SELECT id FROM pages WHERE NOT noindex AND status < 300 ORDER BY id LIMIT 1 OFFSET 7`)).getRowObjectsJS();
    const id = Number(target[0]?.id);
    await conn.run(`INSERT INTO links VALUES (${id === 0 ? 1 : 0}, 'https://x.example/', ${id}, 'quixotrel zumbaflex')`);
    conn.closeSync();
    inst.closeSync();
    await buildIndex(world.db, { fields: ALL });
    let engine = await SearchEngine.load(world.db, { cacheSize: 0 });
    expect(engine.search("quixotrel zumbaflex").results[0]?.pageId).toBe(id);
    await buildIndex(world.db, { fields: parseFieldSpec("anchors:0", ALL) });
    engine = await SearchEngine.load(world.db, { cacheSize: 0 });
    expect(engine.search("quixotrel zumbaflex").results).toEqual([]);
    await buildIndex(world.db, { fields: ALL });
  }, 60_000);
});

describe("parseFieldSpec()", () => {
  it("reads name:weight[:b] over the defaults and names what is wrong", () => {
    expect(parseFieldSpec("").map((x) => x.weight)).toEqual(DEFAULT_FIELDS.map((x) => x.weight));
    const f = parseFieldSpec("title:4,url:0,body:1:0.6");
    expect(f.find((x) => x.name === "title")?.weight).toBe(4);
    expect(f.find((x) => x.name === "url")?.weight).toBe(0);
    expect(f.find((x) => x.name === "body")).toEqual({ name: "body", weight: 1, b: 0.6 });
    expect(() => parseFieldSpec("tittle:2")).toThrow(/unknown field 'tittle'/);
    expect(() => parseFieldSpec("title")).toThrow(/name:weight/);
    expect(() => parseFieldSpec("title:x")).toThrow(/weight of field 'title'/);
    expect(() => parseFieldSpec("body:1:1.5")).toThrow(/b of field 'body'/);
  });
});

describe("urlWords()", () => {
  it("keeps host labels and path words, drops scheme, www, TLD, extensions and the query", () => {
    expect(urlWords("https://www.git-scm.com/docs/git-rebase.html?x=1#y")).toBe("git scm docs git rebase");
    expect(urlWords("https://docs.python.org/3.11/library/os.path.html")).toBe("docs python 3 11 library os path");
    expect(urlWords("not a url")).toBe("");
  });
});
