import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../../corpus-loader/index-build/index.ts";
import { collectPostings, type CollectedPages } from "../../../corpus-loader/index-build/collect-postings.ts";
import { PostingsBuilder } from "../../../corpus-loader/index-build/postings-builder.ts";
import { FIELD_COUNT } from "../../../corpus-loader/index-build/term-counter.ts";
import { urlWords } from "../../../corpus-loader/index-build/url-words.ts";
import { loadIndex, tokenize, type SearchIndex } from "../../../env/search/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-collect-");
let world: TestWorld;
beforeAll(async () => {
  world = await makeWorld(dir, 400, 23);
}, 120_000);

async function withConn<T>(path: string, f: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const inst = await DuckDBInstance.create(path);
  const conn = await inst.connect();
  try {
    return await f(conn);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

async function docSpan(conn: DuckDBConnection): Promise<number> {
  const rows = (await conn.runAndReadAll(`SELECT max(id) + 1 AS n FROM pages`)).getRowObjectsJS();
  return Number(rows[0]?.n);
}

/**
 * The pre-worker build: read the fields one by one (anchors from `links` per target page, in the
 * order the build documents), `tokenize` each, then `PostingsBuilder.addDoc` with string tokens.
 */
async function reference(
  conn: DuckDBConnection,
  stem: boolean,
  use: boolean[],
): Promise<{ builder: PostingsBuilder; docFieldLen: Uint32Array; pages: number }> {
  const builder = new PostingsBuilder();
  const docFieldLen = new Uint32Array((await docSpan(conn)) * FIELD_COUNT);
  const rows = (await conn.runAndReadAll(`SELECT id, url, title, headings, text FROM pages WHERE NOT noindex AND status < 300 ORDER BY id`)).getRowObjectsJS();
  const links = (
    await conn.runAndReadAll(`SELECT DISTINCT src_id, dst_id, anchor FROM links WHERE dst_id IS NOT NULL AND dst_id <> src_id AND anchor <> ''`)
  ).getRowObjectsJS();
  links.sort((a, b) => Number(a.src_id) - Number(b.src_id) || (String(a.anchor) < String(b.anchor) ? -1 : String(a.anchor) > String(b.anchor) ? 1 : 0));
  const anchors = new Map<number, string[]>();
  for (const l of links) {
    const d = Number(l.dst_id);
    if (!anchors.has(d)) anchors.set(d, []);
    anchors.get(d)?.push(String(l.anchor));
  }
  expect(anchors.size).toBeGreaterThan(50);
  for (const r of rows) {
    const id = Number(r.id);
    const texts = [String(r.title ?? ""), String(r.headings ?? ""), (anchors.get(id) ?? []).join("\n"), urlWords(String(r.url)), String(r.text ?? "")];
    const lens = builder.addDoc(
      id,
      texts.map((t, field) => ({ tokens: use[field] === true ? tokenize(t, { stem }) : [], field })),
    );
    docFieldLen.set(lens, id * FIELD_COUNT);
  }
  return { builder, docFieldLen, pages: rows.length };
}

function snapshot(c: { builder: PostingsBuilder; docFieldLen: Uint32Array }): Record<string, unknown> {
  const inv = c.builder.invert();
  return { terms: [...c.builder.terms], tokens: c.builder.tokens, docFieldLen: c.docFieldLen, ...inv };
}

function arrays(ix: SearchIndex): Record<string, unknown> {
  return { ...ix, terms: [...ix.terms] };
}

describe("collectPostings()", () => {
  it("gives the single-threaded term ids and postings with 1, 2 or 3 workers and any chunking", async () => {
    await withConn(world.db, async (conn) => {
      const span = await docSpan(conn);
      for (const [stem, use] of [
        [true, [true, true, true, true, true]],
        [false, [true, false, true, false, true]],
      ] as const) {
        const ref = await reference(conn, stem, [...use]);
        const want = snapshot(ref);
        expect((want.terms as unknown[]).length).toBeGreaterThan(1000);
        let hosts: unknown = null;
        for (const [workers, chunkPages] of [
          [1, 2048],
          [1, 29],
          [2, 2048],
          [2, 37],
          [3, 11],
        ] as const) {
          const got: CollectedPages = await collectPostings(conn, span, { stem, fields: use, workers, chunkPages });
          expect(got.pages).toBe(ref.pages);
          expect(snapshot(got)).toEqual(want);
          hosts ??= { hosts: got.hosts, docHost: got.docHost };
          expect({ hosts: got.hosts, docHost: got.docHost }).toEqual(hosts);
        }
      }
    });
  }, 120_000);
});

describe("buildIndex({ workers })", () => {
  it("stores the same index with workers 2 as with workers 1", async () => {
    const load = (): Promise<Record<string, unknown>> => withConn(world.db, async (conn) => arrays(await loadIndex(conn)));
    const one = await buildIndex(world.db, { workers: 1 });
    const a = await load();
    const two = await buildIndex(world.db, { workers: 2 });
    const b = await load();
    expect(b).toEqual(a);
    expect({ ...two, tokenizeMs: 0, buildMs: 0 }).toEqual({ ...one, tokenizeMs: 0, buildMs: 0 });
  }, 60_000);

  it("rejects a bad worker count", async () => {
    await expect(buildIndex(world.db, { workers: 0 })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(buildIndex(world.db, { workers: 1.5 })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
