/** The WARC quirks of issue 16, each on the real file that showed it (test/fixtures/warc-peers). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readWarc } from "../../../corpus-loader/readers/warc.ts";
import type { PageRecord, ReadEvent } from "../../../corpus-loader/types.ts";
import { readWarcRecords, type WarcReadEvent } from "../../../corpus-loader/warc/warc-record-reader.ts";
import { tmpDir } from "./make-warc.ts";

const PEERS = new URL("../../fixtures/warc-peers/", import.meta.url).pathname;
const dir = tmpDir();

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const pages = (evs: ReadEvent[]): PageRecord[] => evs.flatMap((e) => (e.kind === "page" ? [e.page] : []));

describe("WARC quirks of real files", () => {
  it("reads uncompressed WARC/0.18 (ClueWeb09) as the same bytes gzipped: 30 records, 29 pages", async () => {
    const plain = join(dir, "clueweb-quirk.warc");
    writeFileSync(plain, gunzipSync(readFileSync(join(PEERS, "resiliparse/clueweb-quirk.warc.gz"))));
    const fromGz = pages(await all(readWarc(join(PEERS, "resiliparse/clueweb-quirk.warc.gz"))));
    const fromPlain = pages(await all(readWarc(plain)));
    expect(fromPlain).toHaveLength(29);
    expect(fromPlain.map((p) => [p.url, p.title, p.text.length])).toEqual(fromGz.map((p) => [p.url, p.title, p.text.length]));
    const recs = (await all(readWarcRecords(plain))).flatMap((e) => (e.kind === "record" ? [e.record] : []));
    expect(recs.map((r) => r.version)).toEqual(Array<string>(30).fill("0.18"));
  });

  it("joins a record split across gzip members (warcio example-wrong-chunks.warc.gz)", async () => {
    const evs = await all(readWarcRecords(join(PEERS, "warcio/example-wrong-chunks.warc.gz")));
    const recs = evs.flatMap((e) => (e.kind === "record" ? [e.record] : []));
    expect(recs.map((r) => [r.type, r.truncated])).toEqual([
      ["response", false],
      ["request", false],
    ]);
    const response = recs[0];
    expect(response?.offset).toBe(0);
    expect(response?.block.length).toBe(Number(response?.headers.get("content-length")));
    expect(response?.block.toString("latin1")).toMatch(/<\/html>\s*$/);
    const [page] = pages(await all(readWarc(join(PEERS, "warcio/example-wrong-chunks.warc.gz"))));
    expect(page).toMatchObject({ url: "http://example.com/", title: "Example Domain", status: 200 });
  });

  it("reads CR CR LF line endings (pywb missing-status-text.warc): the 302 pywb indexes", async () => {
    const [page] = pages(await all(readWarc(join(PEERS, "pywb/missing-status-text.warc"))));
    expect(page).toMatchObject({ url: "http://iana.org/bads", status: 302, redirectTo: "http://www.iana.org/badst", fetchedAt: "2014-01-27T17:12:38Z" });
  });

  it("reads uncompressed records that end with a single CRLF (node-warc books.toscrape.warc) without blaming the length", async () => {
    const evs: WarcReadEvent[] = await all(readWarcRecords(join(PEERS, "node-warc/books.toscrape.warc")));
    expect(evs.filter((e) => e.kind === "skip")).toEqual([]);
    const recs = evs.flatMap((e) => (e.kind === "record" ? [e.record] : []));
    expect(recs).toHaveLength(60);
    for (const r of recs) expect(r.block.length).toBe(Number(r.headers.get("content-length")));
    const [home] = pages(await all(readWarc(join(PEERS, "node-warc/books.toscrape.warc"))));
    expect(home).toMatchObject({ url: "http://books.toscrape.com/", status: 200 });
    expect(home?.title).toContain("Books to Scrape");
  });

  it("never stores a charset named in <meta http-equiv=Content-Language> as a language (resiliparse warcfile)", async () => {
    const got = pages(await all(readWarc(join(PEERS, "resiliparse/warcfile.warc.gz"), { keepHtml: true })));
    expect(got.map((p) => p.lang)).not.toContain("utf");
    const utf8 = got.filter((p) => /http-equiv="Content-Language" content="UTF-8"/i.test(p.html ?? ""));
    expect(utf8).toHaveLength(2);
    expect(utf8.map((p) => p.lang)).toEqual([null, null]);
    expect(got.filter((p) => /content="de-ch"/.test(p.html ?? "")).map((p) => p.lang)).toEqual(["de", "de"]);
  });

  it("keeps the readable part of a clipped gzip file as a truncated record (resiliparse clipped.warc.gz)", async () => {
    const evs = await all(readWarcRecords(join(PEERS, "resiliparse/clipped.warc.gz")));
    const recs = evs.flatMap((e) => (e.kind === "record" ? [e.record] : []));
    expect(recs).toHaveLength(1);
    const r = recs[0];
    expect(r?.truncated).toBe(true);
    expect(r?.block.subarray(0, 5).toString()).toBe("HTTP/");
    expect(r?.block.length).toBeLessThan(Number(r?.headers.get("content-length")));
    expect(evs.filter((e) => e.kind === "skip")).toMatchObject([{ reason: "corrupt_gzip", offset: 0 }]);
  });

  it("ends, without throwing, on every clip of a one-record gzip WARC, and reports it (jwarc cc.warc.gz)", async () => {
    const bytes = readFileSync(join(PEERS, "jwarc/cc.warc.gz"));
    const f = join(dir, "clip.warc.gz");
    const t0 = performance.now();
    for (let cut = 1; cut < bytes.length; cut += cut < 64 ? 1 : 37) {
      writeFileSync(f, bytes.subarray(0, bytes.length - cut));
      const evs = await all(readWarcRecords(f));
      expect(
        evs.filter((e) => e.kind === "skip" && e.reason === "corrupt_gzip"),
        `clipped by ${cut}`,
      ).toMatchObject([{ offset: 0 }]);
      // what the clipped member inflates to is kept: the whole record when only the trailer is cut
      expect(evs.filter((e) => e.kind === "record").length, `clipped by ${cut}`).toBeLessThanOrEqual(1);
    }
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it("reads ARC v1 files, plain and gzip: the response as a page with the ARC date", async () => {
    for (const name of ["warcio/example.arc", "warcio/example.arc.gz"]) {
      const got = pages(await all(readWarc(join(PEERS, name))));
      expect(got.map((p) => [p.url, p.title, p.status, p.fetchedAt, p.mime])).toEqual([
        ["http://example.com/", "Example Domain", 200, "2014-02-16T05:02:21Z", "text/html"],
      ]);
      expect(got[0]?.links.map((l) => l.url)).toEqual(["http://www.iana.org/domains/example"]);
    }
    const [spaced] = pages(await all(readWarc(join(PEERS, "warcio/example-space-in-url.arc"))));
    expect(spaced?.url).toBe("http://example.com/index.cfm?FuseAction=Email&EmailTitle=Examples%20From%20The%20Live%20Web&IsPopUp=False");
    // invalid lengths (-1, abc) count as 0, as warcio reads them: three responses with no HTTP message
    const bad = await all(readWarc(join(PEERS, "warcio/bad.arc")));
    expect(bad.map((e) => (e.kind === "skip" ? e.reason : "page"))).toEqual(["record_type", "bad_http", "bad_http", "bad_http"]);
  });
});
