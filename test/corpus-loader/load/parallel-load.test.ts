/** Parallel loading: byte ranges of one gzip WARC read on worker threads give the pages of a one-thread load, ids and all. */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../../corpus-loader/load/load-corpus.ts";
import { planUnits } from "../../../corpus-loader/load/read-plan.ts";
import { openCorpus } from "../../../corpus-loader/store/open-corpus.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir();
const PEERS = "test/fixtures/warc-peers";

async function rows(db: string, sql: string): Promise<unknown[][]> {
  const h = await openCorpus(db, { readOnly: true });
  try {
    return (await h.conn.runAndReadAll(sql)).getRows();
  } finally {
    h.close();
  }
}

const PAGES = "SELECT id, url, title, text, html, status, lang, digest, source_file, source_offset FROM pages ORDER BY id";
const LINKS = "SELECT src_id, dst_url, dst_id, anchor FROM links ORDER BY ALL";

describe("loadCorpus({ workers })", () => {
  it("cuts a big gzip WARC into ranges and nothing else", async () => {
    const units = await planUnits([`${PEERS}/pywb/iana.warc.gz`, `${PEERS}/node-warc/parseMe.warc`, `${PEERS}/warcio/example.arc.gz`], "auto", 100_000);
    expect(units.map((u) => [u.fileIndex, u.range === undefined, u.last])).toEqual([
      ...Array.from({ length: 8 }, (_, k) => [0, false, k === 7]),
      [1, true, true],
      [2, true, true],
    ]);
    expect(units.filter((u) => u.fileIndex === 0).reduce((n, u) => n + u.size, 0)).toBe(786828);
  });

  it("gives the same pages, ids and links on 2 workers over 8 ranges as in one thread, and skips a bad file", async () => {
    const noise = join(dir, "noise.warc");
    writeFileSync(noise, Buffer.from("this is not a WARC file at all\n".repeat(50)));
    const iana = join(dir, "iana.warc.gz");
    copyFileSync(`${PEERS}/pywb/iana.warc.gz`, iana);
    const inputs = [iana, noise, `${PEERS}/resiliparse/warcfile.warc.gz`, `${PEERS}/warcio/example.arc`, `${PEERS}/node-warc/books.toscrape.warc`];
    const one = await loadCorpus(join(dir, "one.duckdb"), inputs, { workers: 0, rangeBytes: 100_000 });
    const two = await loadCorpus(join(dir, "two.duckdb"), inputs, { workers: 2, rangeBytes: 100_000 });
    expect(one.pagesAdded).toBe(20 + 16 + 1 + 1);
    expect(two.skippedFiles.map((f) => [f.file, f.code])).toEqual([[noise, "UNKNOWN_FORMAT"]]);
    const { seconds: _a, ...oneSummary } = one;
    const { seconds: _b, ...twoSummary } = two;
    expect(twoSummary).toEqual(oneSummary);
    expect(await rows(join(dir, "two.duckdb"), PAGES)).toEqual(await rows(join(dir, "one.duckdb"), PAGES));
    expect(await rows(join(dir, "two.duckdb"), LINKS)).toEqual(await rows(join(dir, "one.duckdb"), LINKS));
  });
});
