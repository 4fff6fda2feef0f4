/**
 * Every file of test/fixtures/warc-peers (the WARC/WET/WAT/ARC files warcio, pywb, resiliparse,
 * jwarc and node-warc test with, and a Common Crawl capture) read with the records the upstream
 * projects' own tests expect; each case names its source. Pages are what simweb keeps of them
 * (HTML/text responses and redirects: for pywb files, the text/html rows of pywb's CDX index).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../corpus-loader/readers/detect-format.ts";
import { readWarc } from "../../../corpus-loader/readers/warc.ts";
import { readWet } from "../../../corpus-loader/readers/wet.ts";
import type { PageRecord, SkipReason } from "../../../corpus-loader/types.ts";
import { readWarcRecords, type WarcRecord } from "../../../corpus-loader/warc/warc-record-reader.ts";
import { tmpDir } from "./make-warc.ts";

const PEERS = new URL("../../fixtures/warc-peers/", import.meta.url).pathname;
const dir = tmpDir();

/** Upstream files stored as their .gz twin (byte-identical once gunzipped), with their sha256 (SOURCES.md). */
const DERIVED: Record<string, string> = {
  "resiliparse/warcfile.warc": "6b24c24068ffdd92ebee098783e33c0989feddb309969028aa87acd598061e51",
  "resiliparse/block-sized-records.warc": "8a348b493d38ced0f192f2a7d1c5b3a6ddd5b2ebf8006303c399357ca753360a",
};

/** Path of a peer file; derived ones are made (and checked) on first use. */
function peer(name: string): string {
  const sha = DERIVED[name];
  if (sha === undefined) return join(PEERS, name);
  const bytes = gunzipSync(readFileSync(join(PEERS, `${name}.gz`)));
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha);
  const out = join(dir, name.replace("/", "-"));
  writeFileSync(out, bytes);
  return out;
}

async function recordsOf(path: string): Promise<{ records: WarcRecord[]; skips: SkipReason[] }> {
  const records: WarcRecord[] = [];
  const skips: SkipReason[] = [];
  for await (const ev of readWarcRecords(path, { chunkSize: 4096 })) {
    if (ev.kind === "record") records.push(ev.record);
    else skips.push(ev.reason);
  }
  return { records, skips };
}

async function pagesOf(path: string): Promise<PageRecord[]> {
  const read = (await detectFormat(path)) === "wet" ? readWet : readWarc;
  const out: PageRecord[] = [];
  for await (const ev of read(path)) if (ev.kind === "page") out.push(ev.page);
  return out;
}

const rep = (t: string, n: number): string[] => Array<string>(n).fill(t);
const counts = (types: string[]): Record<string, number> => {
  const c: Record<string, number> = {};
  for (const t of types) c[t] = (c[t] ?? 0) + 1;
  return c;
};
const EXAMPLE_WARC = ["warcinfo", "warcinfo", "response", "request", "revisit", "request"];
const PYWB_EXAMPLE = ["warcinfo", "response", "request", "revisit", "request", "response"];
const WARCFILE = { warcinfo: 1, request: 17, response: 16, metadata: 16 };

interface Case {
  file: string;
  /** Record types in file order, or counts by type. */
  types: string[] | Record<string, number>;
  /** Record offsets the upstream index or iterator reports, of the records of these types (`*`: all), in order. */
  offsets?: { of: string[]; at: number[] };
  pages: number;
  /** Problems reported (skip reasons), in order; records are kept unless they are unreadable. */
  skips?: SkipReason[];
  source: string;
}

const CASES: Case[] = [
  // warcio test/test_archiveiterator.py, test_cli.py (index offsets), test_check_digest_examples.py
  {
    file: "warcio/example.warc",
    types: EXAMPLE_WARC,
    offsets: { of: ["*"], at: [0, 488, 1197, 2566, 3370, 4316] },
    pages: 1,
    source: "warcio test_example_warc, test_index",
  },
  {
    file: "warcio/example.warc.gz",
    types: EXAMPLE_WARC,
    offsets: { of: ["*"], at: [0, 353, 784, 2012, 2621, 3207] },
    pages: 1,
    source: "warcio test_example_warc_gz, test_index",
  },
  {
    file: "warcio/example-iana.org-chunked.warc",
    types: ["warcinfo", "response", "request"],
    offsets: { of: ["*"], at: [0, 405, 8379] },
    pages: 1,
    source: "warcio test_example_warc_2, test_iterator",
  },
  {
    file: "warcio/example-resource.warc.gz",
    types: ["warcinfo", "warcinfo", "resource"],
    offsets: { of: ["*"], at: [0, 361, 802] },
    pages: 0,
    source: "warcio test_example_warc_resource, test_unseekable_gz",
  },
  {
    file: "warcio/example-trunc.warc",
    types: ["warcinfo", "warcinfo", "response", "request"],
    pages: 1,
    skips: ["bad_content_length"],
    source: "warcio test_example_warc_trunc (errs_expected=1)",
  },
  { file: "warcio/example-digest.warc", types: rep("request", 4), pages: 0, source: "warcio test_digests_file (check_digests=False)" },
  { file: "warcio/example-wrong-chunks.warc.gz", types: ["response", "request"], pages: 1, source: "warcio test_recompress_wrong_chunks (2 records read)" },
  { file: "warcio/example-bad-non-chunked.warc.gz", types: EXAMPLE_WARC, pages: 1, source: "warcio test_recompress_non_chunked (index after recompress)" },
  {
    file: "warcio/example-bad.warc.gz.bad",
    types: PYWB_EXAMPLE,
    pages: 2,
    source: "warcio test_bad_warc refuses it (one gzip member); its content is pywb's example.warc with right lengths",
  },
  { file: "warcio/example-space-in-target-uri.warc.gz", types: ["warcinfo", "resource"], pages: 0, source: "warcio test_corrects_space_in_target_uri" },
  {
    file: "warcio/example-wget-bad-target-uri.warc.gz",
    types: ["warcinfo", "request", "response", "metadata", "resource", "resource"],
    pages: 1,
    source: "warcio test_corrects_wget_bug",
  },
  {
    file: "warcio/post-test.warc.gz",
    types: ["response", "request", "response", "request", "response", "request"],
    offsets: { of: ["*"], at: [0, 720, 1196, 1919, 2395, 3118] },
    pages: 0,
    source: "pywb test_indexing post-test include_all",
  },
  {
    file: "warcio/example.arc",
    types: ["warcinfo", "response"],
    offsets: { of: ["*"], at: [0, 151] },
    pages: 1,
    source: "warcio test_example_arc, test_index; pywb example.arc index",
  },
  {
    file: "warcio/example.arc.gz",
    types: ["warcinfo", "response"],
    offsets: { of: ["*"], at: [0, 171] },
    pages: 1,
    source: "warcio test_example_arc_gz, test_index",
  },
  {
    file: "warcio/example-space-in-url.arc",
    types: ["warcinfo", "response"],
    pages: 1,
    skips: ["bad_content_length"],
    source: "warcio test_example_space_in_url_arc (its record is 12 bytes shorter than its length)",
  },
  {
    file: "warcio/bad.arc",
    types: ["warcinfo", "response", "response", "response"],
    offsets: { of: ["response"], at: [134, 202, 262] },
    pages: 0,
    source: "warcio test_bad_arc_invalid_lengths; pywb bad.arc index",
  },
  {
    file: "warcio/standard-torture-validate-record.warc",
    types: [
      "warcinfo",
      "warcinfo",
      "warcinfo",
      "response",
      "resource",
      "resource",
      "resource",
      "request",
      "request",
      "metadata",
      "metadata",
      "revisit",
      "revisit",
      "revisit",
      "conversion",
      "continuation",
      "continuation",
    ],
    pages: 0,
    source: "warcio PR 66 standard-torture-validate-record.warc.test",
  },
  {
    file: "warcio/standard-torture-validate-field.warc",
    types: ["does-not-exist", "invalid", "request"],
    pages: 0,
    skips: ["missing_header"],
    source: "warcio PR 66 standard-torture-validate-field.warc.test (then: Invalid WARC record, first line: WARC/invalid)",
  },
  // pywb pywb/indexer/test/test_indexing.py and sample_archive/cdx/*.cdx
  {
    file: "pywb/example.warc",
    types: PYWB_EXAMPLE,
    offsets: { of: ["response", "request", "revisit"], at: [460, 2451, 3161, 4061, 4771] },
    pages: 2,
    skips: ["bad_content_length"],
    source: "pywb print_cdx_index('example.warc', include_all) (request length 1 byte short)",
  },
  {
    file: "pywb/example.warc.gz",
    types: PYWB_EXAMPLE,
    offsets: { of: ["response", "request", "revisit"], at: [333, 1376, 1864, 2417, 2907] },
    pages: 2,
    source: "pywb print_cdx_index('example.warc.gz', include_all)",
  },
  {
    file: "pywb/example-extra.warc",
    types: ["response", "request", "revisit", "response", "request", "revisit"],
    offsets: { of: ["response", "revisit"], at: [0, 2701, 3207, 5910] },
    pages: 2,
    source: "pywb print_cdx_index('example-extra.warc')",
  },
  {
    file: "pywb/iana.warc.gz",
    types: { warcinfo: 1, response: 48, request: 171, revisit: 123 },
    pages: 20,
    source: "pywb iana.cdx: 171 rows (48 responses: 16 text/html 200, 4 302; 123 revisits)",
  },
  {
    file: "pywb/dupes.warc.gz",
    types: { warcinfo: 1, response: 3, request: 12, revisit: 9 },
    pages: 2,
    source: "pywb dupes.cdx: 12 rows (3 responses: text/html 200, 302, js; 9 revisits)",
  },
  {
    file: "pywb/example-wget-1-14.warc.gz",
    types: ["warcinfo", "request", "response", "resource", "resource", "resource"],
    offsets: { of: ["request", "response", "resource"], at: [398, 792, 1943, 2258, 2598] },
    pages: 1,
    source: "pywb print_cdx_index('example-wget-1-14.warc.gz', include_all)",
  },
  {
    file: "pywb/example-wpull.warc.gz",
    types: ["warcinfo", "request", "response", "resource"],
    offsets: { of: ["response", "resource"], at: [2031, 3181] },
    pages: 1,
    source: "pywb print_cdx_index('example-wpull.warc.gz')",
  },
  {
    file: "pywb/example-url-agnostic-orig.warc.gz",
    types: ["warcinfo", "response"],
    offsets: { of: ["response"], at: [353] },
    pages: 1,
    source: "pywb url-agnost-example.cdx",
  },
  {
    file: "pywb/example-url-agnostic-revisit.warc.gz",
    types: ["warcinfo", "revisit"],
    offsets: { of: ["revisit"], at: [355] },
    pages: 0,
    source: "pywb url-agnost-example.cdx",
  },
  {
    file: "pywb/example2.warc.gz",
    types: ["warcinfo", "response", "request"],
    offsets: { of: ["response"], at: [363] },
    pages: 1,
    source: "pywb example2.cdxj",
  },
  { file: "pywb/httpbin-resource.warc.gz", types: ["resource"], pages: 0, source: "pywb sample_archive (a resource record)" },
  {
    file: "pywb/missing-status-text.warc",
    types: ["response"],
    offsets: { of: ["response"], at: [0] },
    pages: 1,
    source: "pywb missing-status-text.cdxj (status 302)",
  },
  // resiliparse tests/fastwarc/test_warc.py
  { file: "resiliparse/warcfile.warc", types: WARCFILE, pages: 16, source: "FastWARC test_archive_iterator (NUM_RECORDS 50), test_record_types" },
  { file: "resiliparse/warcfile.warc.gz", types: WARCFILE, pages: 16, source: "FastWARC test_archive_iterator (NUM_RECORDS 50)" },
  {
    file: "resiliparse/block-sized-records.warc",
    types: rep("unknown", 3),
    offsets: { of: ["*"], at: [0, 16386, 32772] },
    pages: 0,
    source: "FastWARC test_record_offsets",
  },
  {
    file: "resiliparse/block-sized-records.warc.gz",
    types: rep("unknown", 3),
    offsets: { of: ["*"], at: [0, 204, 409] },
    pages: 0,
    source: "FastWARC test_record_offsets",
  },
  { file: "resiliparse/clueweb-quirk.warc.gz", types: { warcinfo: 1, response: 29 }, pages: 29, source: "FastWARC test_clueweb_quirks (count == 30)" },
  {
    file: "resiliparse/clipped.warc.gz",
    types: ["response"],
    pages: 1,
    skips: ["corrupt_gzip"],
    source: "FastWARC test_clipped_warc_gz (rec_count > 0, content shorter than Content-Length)",
  },
  // jwarc test/org/netpreserve/jwarc
  { file: "jwarc/cc.warc.gz", types: ["response"], pages: 1, source: "jwarc WarcReaderTest (a single-record WARC file, a WarcResponse)" },
  { file: "jwarc/gzip_extra_sl.warc.gz", types: ["warcinfo"], pages: 0, source: "jwarc GunzipChannelTest.testExtraField (starts with WARC/1.0)" },
  // node-warc test/parsers.js (t.plan(32): 30 records + 2), test/puppeteer-capture-writer.js
  {
    file: "node-warc/parseMe.warc",
    types: { warcinfo: 1, metadata: 1, request: 14, response: 14 },
    pages: 7,
    source: "node-warc 'WARCParser should parse non-gzipped warcs' (30 records)",
  },
  {
    file: "node-warc/parseMe.warc.gz",
    types: { warcinfo: 1, metadata: 1, request: 14, response: 14 },
    pages: 7,
    source: "node-warc 'WARCGzParser should parse gzipped warcs' (30 records)",
  },
  {
    file: "node-warc/books.toscrape.warc",
    types: { request: 30, response: 30 },
    pages: 1,
    source: "node-warc puppeteer-capture-writer (the 30 requests of books.toscrape.com: request + response each)",
  },
  // commoncrawl/whirlwind-python README: four WARC records, two WET, two WAT
  { file: "whirlwind/whirlwind.warc", types: ["warcinfo", "request", "response", "metadata"], pages: 1, source: "whirlwind README (WARC)" },
  { file: "whirlwind/whirlwind.warc.gz", types: ["warcinfo", "request", "response", "metadata"], pages: 1, source: "whirlwind README (WARC)" },
  { file: "whirlwind/whirlwind.warc.wet", types: ["warcinfo", "conversion"], pages: 1, source: "whirlwind README (WET)" },
  { file: "whirlwind/whirlwind.warc.wet.gz", types: ["warcinfo", "conversion"], pages: 1, source: "whirlwind README (WET)" },
  { file: "whirlwind/whirlwind.warc.wat", types: ["warcinfo", "metadata"], pages: 0, source: "whirlwind README (WAT)" },
  { file: "whirlwind/whirlwind.warc.wat.gz", types: ["warcinfo", "metadata"], pages: 0, source: "whirlwind README (WAT)" },
];

describe("readWarcRecords() on the warc-peers files", () => {
  it("covers every file there", () => {
    const listed =
      readFileSync(join(PEERS, "README.md"), "utf8")
        .match(/^\| [a-z-]+\/\S+/gm)
        ?.map((l) => l.slice(2)) ?? [];
    expect(listed).toHaveLength(47);
    expect(CASES.map((c) => c.file).sort()).toEqual([...listed].sort());
  });

  for (const c of CASES) {
    it(`${c.file}: ${c.source}`, async () => {
      const path = peer(c.file);
      const { records, skips } = await recordsOf(path);
      const types = records.map((r) => r.type);
      expect(types.length === 0 ? [] : Array.isArray(c.types) ? types : counts(types)).toEqual(c.types);
      expect(skips).toEqual(c.skips ?? []);
      if (c.offsets !== undefined) {
        const of = c.offsets.of;
        const picked = records.filter((r) => of[0] === "*" || of.includes(r.type));
        expect(picked.map((r) => r.offset)).toEqual(c.offsets.at);
      }
      expect((await pagesOf(path)).length).toBe(c.pages);
    });
  }
});
