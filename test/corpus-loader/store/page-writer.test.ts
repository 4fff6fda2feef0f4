import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCorpus } from "../../../corpus-loader/store/open-corpus.ts";
import { PageWriter } from "../../../corpus-loader/store/page-writer.ts";
import { makePage } from "../../helpers/page.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir();

async function rows(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await openCorpus(path);
  try {
    return (await db.conn.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    db.close();
  }
}

describe("PageWriter", () => {
  it("assigns dense ids, dedups by URL and by content, resolves links", async () => {
    const path = join(dir, "a.duckdb");
    const db = await openCorpus(path, { create: true });
    const w = await PageWriter.open(db.conn);
    expect(w.add(makePage({ url: "http://a.test/", links: [{ url: "http://b.test/", anchor: "B" }] }))).toBe("added");
    expect(w.add(makePage({ url: "http://b.test/" }))).toBe("added");
    expect(w.add(makePage({ url: "http://b.test/" }))).toBe("duplicate_url");
    expect(w.add(makePage({ url: "http://c.test/", text: "Body of http://a.test/" }))).toBe("duplicate_content");
    await w.finish();
    db.close();
    const pages = await rows(path, "SELECT id, url, host FROM pages ORDER BY id");
    expect(pages.map((p) => [p.id, p.url, p.host])).toEqual([
      [0, "http://a.test/", "a.test"],
      [1, "http://b.test/", "b.test"],
    ]);
    const links = await rows(path, "SELECT src_id, dst_url, dst_id, anchor FROM links");
    expect(links).toEqual([{ src_id: 0, dst_url: "http://b.test/", dst_id: 1, anchor: "B" }]);
  });

  it("is incremental: a second session continues ids, keeps the latest fetch in place", async () => {
    const path = join(dir, "b.duckdb");
    for (const batch of [
      [makePage({ url: "http://x.test/1", text: "old", fetchedAt: "2020-01-01T00:00:00Z", links: [{ url: "http://x.test/2", anchor: "two" }] })],
      [
        makePage({ url: "http://x.test/2", text: "two" }),
        makePage({ url: "http://x.test/1", text: "newer", fetchedAt: "2021-01-01T00:00:00Z", links: [] }),
        makePage({ url: "http://x.test/1", text: "newest", fetchedAt: "2022-01-01T00:00:00Z", links: [{ url: "http://x.test/3", anchor: "3" }] }),
        makePage({ url: "http://x.test/1", text: "stale", fetchedAt: "2019-01-01T00:00:00Z" }),
      ],
    ]) {
      const db = await openCorpus(path, { create: true });
      const w = await PageWriter.open(db.conn);
      for (const p of batch) w.add(p);
      await w.finish();
      db.close();
    }
    const pages = await rows(path, "SELECT id, url, text FROM pages ORDER BY id");
    expect(pages).toEqual([
      { id: 0, url: "http://x.test/1", text: "newest" },
      { id: 1, url: "http://x.test/2", text: "two" },
    ]);
    const links = await rows(path, "SELECT src_id, dst_url FROM links ORDER BY ALL");
    expect(links).toEqual([{ src_id: 0, dst_url: "http://x.test/3" }]);
  });
});

describe("openCorpus()", () => {
  it("names missing tables and refuses newer schemas", async () => {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const path = join(dir, "bad.duckdb");
    const inst = await DuckDBInstance.create(path);
    const c = await inst.connect();
    await c.run("CREATE TABLE pages (id INTEGER)");
    c.closeSync();
    inst.closeSync();
    await expect(openCorpus(path)).rejects.toMatchObject({ code: "SCHEMA_MISMATCH", message: expect.stringContaining("meta") });
    const good = join(dir, "new.duckdb");
    (await openCorpus(good, { create: true })).close();
    const db = await openCorpus(good);
    await db.conn.run("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
    db.close();
    await expect(openCorpus(good)).rejects.toMatchObject({ code: "SCHEMA_TOO_NEW" });
    await expect(openCorpus(join(dir, "none.duckdb"))).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
  });

  it("stores headings, and adds the column to a file written before it existed", async () => {
    const path = join(dir, "old.duckdb");
    let db = await openCorpus(path, { create: true });
    await db.conn.run("ALTER TABLE pages DROP COLUMN headings");
    db.close();
    db = await openCorpus(path, { readOnly: true }); // an old file still opens read-only
    db.close();
    db = await openCorpus(path);
    const w = await PageWriter.open(db.conn);
    w.add({ ...makePage({ url: "http://h.test/" }), headings: "Intro\nUsage" });
    w.add(makePage({ url: "http://i.test/", text: "other" }));
    await w.finish();
    db.close();
    expect(await rows(path, "SELECT headings FROM pages ORDER BY id")).toEqual([{ headings: "Intro\nUsage" }, { headings: "" }]);
  });
});
