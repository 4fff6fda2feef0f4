import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../../../corpus-loader/index-build/index.ts";
import { collectPostings, type CollectedPages } from "../../../corpus-loader/index-build/collect-postings.ts";
import { PostingsBuilder } from "../../../corpus-loader/index-build/postings-builder.ts";
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

/** The pre-worker build: `tokenize` each field, then `PostingsBuilder.addDoc` with string tokens. */
async function reference(
  conn: DuckDBConnection,
  stem: boolean,
  titleBoost: number,
): Promise<{ builder: PostingsBuilder; docLen: Float64Array; pages: number }> {
  const builder = new PostingsBuilder();
  const docLen = new Float64Array(await docSpan(conn));
  const rows = (await conn.runAndReadAll(`SELECT id, title, text FROM pages WHERE NOT noindex AND status < 300 ORDER BY id`)).getRowObjectsJS();
  for (const r of rows) {
    const id = Number(r.id);
    docLen[id] = builder.addDoc(id, [
      { tokens: tokenize(String(r.title ?? ""), { stem }), weight: titleBoost },
      { tokens: tokenize(String(r.text ?? ""), { stem }), weight: 1 },
    ]);
  }
  return { builder, docLen, pages: rows.length };
}

function snapshot(c: { builder: PostingsBuilder; docLen: Float64Array }): Record<string, unknown> {
  const inv = c.builder.invert();
  return { terms: [...c.builder.terms], tokens: c.builder.tokens, docLen: c.docLen, ...inv };
}

function arrays(ix: SearchIndex): Record<string, unknown> {
  return { ...ix, terms: [...ix.terms] };
}

describe("collectPostings()", () => {
  it("gives the single-threaded term ids and postings with 1, 2 or 3 workers and any chunking", async () => {
    await withConn(world.db, async (conn) => {
      const span = await docSpan(conn);
      for (const stem of [true, false]) {
        const ref = await reference(conn, stem, 3);
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
          const got: CollectedPages = await collectPostings(conn, span, { stem, titleBoost: 3, workers, chunkPages });
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
