import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../../corpus-loader/load/load-corpus.ts";
import { readWarc } from "../../../corpus-loader/readers/warc.ts";
import { openCorpus } from "../../../corpus-loader/store/open-corpus.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir();
const FIXTURE = "test/fixtures/pgdocs-small.warc.gz";

async function count(db: string, sql: string): Promise<number> {
  const h = await openCorpus(db, { readOnly: true });
  try {
    return Number((await h.conn.runAndReadAll(sql)).getRows()[0]?.[0]);
  } finally {
    h.close();
  }
}

describe("loadCorpus()", () => {
  it("loads the real wget crawl: every distinct page the reader yields, links resolved, provenance kept", async () => {
    const urls = new Set<string>();
    for await (const ev of readWarc(FIXTURE)) if (ev.kind === "page") urls.add(ev.page.url);
    const db = join(dir, "pg.duckdb");
    const s = await loadCorpus(db, [FIXTURE]);
    expect(s.pagesAdded + s.duplicateContent).toBe(urls.size);
    expect(s.totalPages).toBe(s.pagesAdded);
    expect(s.skippedTypes.request).toBeGreaterThan(0);
    expect(s.badRecords).toEqual([]);
    expect(await count(db, "SELECT count(*) FROM pages")).toBe(s.pagesAdded);
    expect(await count(db, "SELECT max(id) + 1 FROM pages")).toBe(s.pagesAdded);
    expect(await count(db, "SELECT count(*) FROM links WHERE dst_id IS NOT NULL")).toBeGreaterThan(100);
    expect(await count(db, `SELECT count(DISTINCT source_offset) FROM pages WHERE source_file = '${FIXTURE}'`)).toBe(s.pagesAdded);
    // a second load of the same crawl adds nothing: every URL is a duplicate with the same fetch time
    const again = await loadCorpus(db, [FIXTURE]);
    expect(again.pagesAdded).toBe(0);
    expect(again.duplicateUrl).toBe(s.pagesAdded);
    expect(again.totalPages).toBe(s.pagesAdded);
  });

  it("keeps every good record of a truncated crawl and reports the bad one with file and offset", async () => {
    const bytes = readFileSync(FIXTURE);
    const cut = join(dir, "cut.warc.gz");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 3000));
    copyFileSync(FIXTURE, join(dir, "full.warc.gz"));
    const full = await loadCorpus(join(dir, "full.duckdb"), [join(dir, "full.warc.gz")]);
    const s = await loadCorpus(join(dir, "cut.duckdb"), [cut]);
    expect(s.badRecords.length).toBeGreaterThanOrEqual(1);
    expect(s.badRecords[0]).toMatchObject({ file: cut, reason: "corrupt_gzip" });
    expect(s.badRecords[0]?.offset).toBeGreaterThan(bytes.length - 200_000);
    expect(s.pagesAdded).toBeGreaterThanOrEqual(full.pagesAdded - 1);
    expect(s.pagesAdded).toBeLessThanOrEqual(full.pagesAdded);
  });

  it("skips an unreadable file (0 bytes, random bytes, text named .parquet), names it and why, and keeps the good files", async () => {
    const empty = join(dir, "empty.warc.gz");
    const noise = join(dir, "noise.warc");
    const text = join(dir, "notes.parquet");
    writeFileSync(empty, Buffer.alloc(0));
    writeFileSync(noise, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
    writeFileSync(text, "these are notes, not a parquet file\n");
    const alone = await loadCorpus(join(dir, "alone.duckdb"), [FIXTURE]);
    const s = await loadCorpus(join(dir, "mixed.duckdb"), [empty, FIXTURE, noise, text]);
    expect(s.pagesAdded).toBe(alone.pagesAdded);
    expect(s.files).toBe(4);
    expect(s.skippedFiles.map((f) => f.file).sort()).toEqual([empty, noise, text].sort());
    for (const f of s.skippedFiles) expect(f).toMatchObject({ code: "UNKNOWN_FORMAT", message: expect.stringContaining(f.file) });
    // a format given explicitly: the reader's own refusal is a skipped file too, never an abort
    const forced = await loadCorpus(join(dir, "forced.duckdb"), [text, FIXTURE], { format: "parquet" });
    expect(forced.skippedFiles.map((f) => f.file)).toEqual([text, FIXTURE].sort());
    expect(forced.pagesAdded).toBe(0);
  });

  it("loads a WARC and an ARC together (pywb iana.warc.gz + warcio example.arc: 20 + 1 pages), and every warc-peers file in one load", async () => {
    const peers = new URL("../../fixtures/warc-peers/", import.meta.url).pathname;
    const both = await loadCorpus(join(dir, "iana-arc.duckdb"), [join(peers, "pywb/iana.warc.gz"), join(peers, "warcio/example.arc")]);
    expect([both.pagesAdded, both.skippedFiles]).toEqual([21, []]);
    const every = await loadCorpus(join(dir, "peers.duckdb"), [peers]);
    expect(every.skippedFiles).toEqual([]);
    expect(every.files).toBe(42); // the directory walk takes .warc/.arc/.wet(.gz): not the two WAT files nor .warc.gz.bad
    expect(every.pagesAdded).toBeGreaterThanOrEqual(75); // 80 distinct URLs today: many files hold the same example.com pages
  }, 60_000);
});
