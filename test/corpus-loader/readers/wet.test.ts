import { describe, expect, it } from "vitest";
import { readWet } from "../../../corpus-loader/readers/wet.ts";
import type { ReadEvent } from "../../../corpus-loader/types.ts";
import type { WarcRecordInput } from "../../../corpus-loader/warc/warc-writer.ts";
import { encodeWarcRecord, encodeWarcRecordGz } from "../../../corpus-loader/warc/warc-writer.ts";
import { tmpDir, warcinfoRecord, writeTmp } from "../warc/make-warc.ts";

function conversion(url: string | undefined, seed: string, text: string, lang?: string): WarcRecordInput {
  const extra: Array<[string, string]> = [["WARC-Refers-To", `<urn:uuid:${seed}>`]];
  if (lang !== undefined) extra.push(["WARC-Identified-Content-Language", lang]);
  return {
    type: "conversion",
    targetUri: url,
    date: "2024-02-29T23:59:59Z",
    idSeed: seed,
    contentType: "text/plain",
    block: Buffer.from(text),
    extraHeaders: extra,
  };
}

async function collect(path: string): Promise<ReadEvent[]> {
  const out: ReadEvent[] = [];
  for await (const ev of readWet(path)) out.push(ev);
  return out;
}

describe("readWet()", () => {
  const dir = tmpDir();
  const recs = [
    warcinfoRecord(),
    conversion("HTTP://Example.org:80/a#x", "a", "Page Title\nFirst   paragraph.\n\nSecond paragraph.\n", "eng,deu"),
    conversion("https://example.de/b", "b", `${"long ".repeat(60)}\nrest`, "deu"),
    conversion("https://example.jp/c", "c", "日本語のページ\n本文", "jpn"),
    conversion("https://example.org/d", "d", "No language header"),
    conversion(undefined, "e", "no target"),
    conversion("mailto:x@y.org", "f", "not http"),
  ];

  it("turns conversion records into text pages with title, lang, date and member offsets", async () => {
    const members = recs.map(encodeWarcRecordGz);
    const evs = await collect(writeTmp(dir, "x.warc.wet.gz", Buffer.concat(members)));
    const pages = evs.flatMap((e) => (e.kind === "page" ? [e.page] : []));
    expect(pages.map((p) => [p.url, p.title, p.lang])).toEqual([
      ["http://example.org/a", "Page Title", "en"],
      ["https://example.de/b", "", "de"],
      ["https://example.jp/c", "日本語のページ", "ja"],
      ["https://example.org/d", "No language header", null],
    ]);
    expect(pages[0]).toMatchObject({
      text: "Page Title\nFirst paragraph.\nSecond paragraph.",
      status: 200,
      mime: "text/plain",
      fetchedAt: "2024-02-29T23:59:59Z",
      links: [],
      noindex: false,
      redirectTo: null,
      html: null,
      sourceOffset: (members[0] as Buffer).length,
    });
    expect(evs.flatMap((e) => (e.kind === "skip" ? [e.reason] : []))).toEqual(["record_type", "missing_header", "not_html"]);
  });

  it("reads uncompressed WET files too", async () => {
    const evs = await collect(writeTmp(dir, "x.wet", Buffer.concat(recs.map(encodeWarcRecord))));
    expect(evs.filter((e) => e.kind === "page")).toHaveLength(4);
  });
});
