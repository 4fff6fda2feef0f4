import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { readJsonl } from "../../../corpus-loader/readers/jsonl.ts";
import { readParquet } from "../../../corpus-loader/readers/parquet.ts";
import type { ReadEvent } from "../../../corpus-loader/types.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir();

async function collect(gen: AsyncGenerator<ReadEvent>): Promise<ReadEvent[]> {
  const out: ReadEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

describe("readJsonl()", () => {
  it("reads Search-R1 rows: title from the quoted first line, a synthetic .invalid URL", async () => {
    const f = join(dir, "sr1.jsonl");
    writeFileSync(
      f,
      [
        JSON.stringify({ id: "42", contents: '"Alan Turing"\nAlan Turing was a mathematician.' }),
        "",
        JSON.stringify({ id: "7", contents: '"Only a title"' }),
      ].join("\n"),
    );
    const evs = await collect(readJsonl(f));
    const pages = evs.flatMap((e) => (e.kind === "page" ? [e.page] : []));
    expect(pages.map((p) => [p.url, p.title, p.text, p.sourceOffset])).toEqual([
      ["https://corpus.invalid/doc/42", "Alan Turing", "Alan Turing was a mathematician.", 1],
      ["https://corpus.invalid/doc/7", "Only a title", "", 3],
    ]);
  });

  it("reads FineWeb rows and counts bad lines with their line numbers", async () => {
    const f = join(dir, "fw.jsonl.gz");
    const lines = [
      JSON.stringify({
        text: "Heading\nSome body text.",
        id: "<urn:uuid:1>",
        url: "HTTP://Example.COM:80/a#frag",
        date: "2013-12-04T15:10:34Z",
        language: "en",
      }),
      "{not json",
      JSON.stringify([1, 2]),
      JSON.stringify({ id: "x" }),
      JSON.stringify({ text: "t", url: "mailto:someone@example.com" }),
    ];
    writeFileSync(f, gzipSync(lines.join("\n") + "\n"));
    const evs = await collect(readJsonl(f));
    const page = evs.find((e) => e.kind === "page");
    expect(page?.kind === "page" && page.page).toMatchObject({
      url: "http://example.com/a",
      title: "Heading",
      fetchedAt: "2013-12-04T15:10:34Z",
      lang: "en",
    });
    const skips = evs.flatMap((e) => (e.kind === "skip" ? [[e.reason, e.offset]] : []));
    expect(skips).toEqual([
      ["bad_row", 2],
      ["bad_row", 3],
      ["bad_row", 4],
      ["bad_row", 5],
    ]);
  });

  it("keeps every good line of a truncated gzip file and reports the truncation", async () => {
    const f = join(dir, "trunc.jsonl.gz");
    const rows = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: String(i), contents: `"T${i}"\nbody ${i} ${"x".repeat(i % 50)}` }));
    const gz = gzipSync(rows.join("\n") + "\n");
    writeFileSync(f, gz.subarray(0, Math.floor(gz.length * 0.8)));
    const evs = await collect(readJsonl(f));
    const pages = evs.filter((e) => e.kind === "page");
    expect(pages.length).toBeGreaterThan(100);
    expect(pages.length).toBeLessThan(2000);
    expect(evs.at(-1)).toMatchObject({ kind: "skip", reason: "corrupt_gzip" });
  });
});

describe("readParquet()", () => {
  it("reads FineWeb columns through DuckDB read_parquet", async () => {
    const f = join(dir, "fw.parquet");
    const inst = await DuckDBInstance.create(":memory:");
    const c = await inst.connect();
    await c.run(`COPY (SELECT * FROM (VALUES
      ('First line\nrest of text', '<urn:uuid:a>', 'CC-MAIN-2024-10', 'https://a.example/x?b=1', '2024-03-01T00:00:00Z', 'en', 0.9),
      ('Body only', '<urn:uuid:b>', 'CC-MAIN-2024-10', 'https://b.example/', '2024-03-02T00:00:00Z', 'fr', 0.8)
    ) t(text, id, dump, url, date, language, language_score)) TO '${f}' (FORMAT parquet)`);
    c.closeSync();
    inst.closeSync();
    const evs = await collect(readParquet(f));
    expect(evs.map((e) => (e.kind === "page" ? [e.page.url, e.page.title, e.page.lang, e.page.sourceOffset] : e.kind))).toEqual([
      ["https://a.example/x?b=1", "First line", "en", 0],
      ["https://b.example/", "", "fr", 1],
    ]);
  });

  it("refuses a file that is not Parquet with BAD_INPUT naming it", async () => {
    const f = join(dir, "junk.parquet");
    writeFileSync(f, "PAR1 this is not really parquet");
    await expect(collect(readParquet(f))).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringContaining(f) });
  });
});
