import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { readWarc } from "../../../corpus-loader/readers/warc.ts";
import type { PageRecord, ReadEvent } from "../../../corpus-loader/types.ts";
import type { WarcRecordInput } from "../../../corpus-loader/warc/warc-writer.ts";
import { encodeWarcRecordGz, httpResponseBlock } from "../../../corpus-loader/warc/warc-writer.ts";
import { requestRecord, tmpDir, warcinfoRecord, writeTmp } from "../warc/make-warc.ts";

const FIXTURE = new URL("../../fixtures/pgdocs-small.warc.gz", import.meta.url).pathname;

async function collect(path: string, keepHtml = false): Promise<ReadEvent[]> {
  const out: ReadEvent[] = [];
  for await (const ev of readWarc(path, { keepHtml })) out.push(ev);
  return out;
}
const pagesOf = (evs: ReadEvent[]): PageRecord[] => evs.flatMap((e) => (e.kind === "page" ? [e.page] : []));

/** Independent pass over the zcat'd fixture: record types, and HTTP content types of responses. */
function expectedFromFixture(): { pages: number; skipsByType: Record<string, number> } {
  const text = gunzipSync(readFileSync(FIXTURE)).toString("latin1");
  const skipsByType: Record<string, number> = {};
  let pages = 0;
  for (const m of text.matchAll(/^WARC\/1\.0\r\n([\s\S]*?)\r\n\r\n/gm)) {
    const head = m[1] ?? "";
    const type = /^WARC-Type: (\S+)/m.exec(head)?.[1] ?? "";
    if (type !== "response") {
      skipsByType[type] = (skipsByType[type] ?? 0) + 1;
      continue;
    }
    const len = Number(/^Content-Length: (\d+)/m.exec(head)?.[1]);
    const block = text.substr((m.index ?? 0) + m[0].length, len);
    const ct = /^content-type:\s*([^;\r\n]+)/im.exec(block)?.[1]?.trim().toLowerCase();
    if (ct === "text/html" || ct === "text/plain") pages++;
  }
  return { pages, skipsByType };
}

describe("readWarc() on a real wget crawl", () => {
  let evs: ReadEvent[];
  beforeAll(async () => {
    evs = await collect(FIXTURE);
  });

  it("yields one page per HTML response and a record_type skip per other record, as counted independently", () => {
    const want = expectedFromFixture();
    expect(pagesOf(evs)).toHaveLength(want.pages);
    const got: Record<string, number> = {};
    for (const e of evs) {
      if (e.kind !== "skip") continue;
      expect(e.reason).toBe("record_type");
      got[e.message] = (got[e.message] ?? 0) + 1;
    }
    expect(got).toEqual(want.skipsByType);
  });

  it("extracts a known page: title, text without navigation, nav links kept and resolved", () => {
    const p = pagesOf(evs).find((x) => x.url === "http://127.0.0.1:8732/sql-select.html");
    expect(p).toBeDefined();
    const page = p as PageRecord;
    expect(page).toMatchObject({
      title: "SELECT",
      status: 200,
      mime: "text/html",
      fetchedAt: expect.stringMatching(/^2026-11-21T23:40:\d\dZ$/),
      noindex: false,
      redirectTo: null,
      html: null,
    });
    const lines = page.text.split("\n");
    expect(lines[0]).toBe("SELECT");
    expect(page.text).toContain("SELECT, TABLE, WITH — retrieve rows from a table or view");
    for (const nav of ["Prev", "Up", "Home", "Next", "Prev Up Next"]) expect(lines).not.toContain(nav);
    expect(page.text).not.toMatch(/\bPrev\b/);
    expect(page.links).toContainEqual({ url: "http://127.0.0.1:8732/sql-security-label.html", anchor: "Prev" });
    expect(page.links).toContainEqual({ url: "http://127.0.0.1:8732/index.html", anchor: "Home" });
    expect(page.links).toContainEqual({ url: "http://127.0.0.1:8732/sql-selectinto.html", anchor: "Next" });
  });

  it("canonicalises angle-bracket target URIs and resolves every relative link", () => {
    const ps = pagesOf(evs);
    for (const p of ps) {
      expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:8732\/[^<>]*$/);
      expect(p.sourceFile).toBe(FIXTURE);
      for (const l of p.links) expect(l.url).toMatch(/^https?:\/\/[^<>#]+$/);
    }
    expect(ps.reduce((n, p) => n + p.links.length, 0)).toBeGreaterThan(ps.length * 3);
    const notFound = ps.filter((p) => p.status === 404);
    expect(notFound.map((p) => p.title)).toContain("Error response");
  });
});

const DATE = "2024-03-05T06:07:08Z";
function resp(url: string, seed: string, status: number, headers: Array<[string, string]>, body: Uint8Array | string): WarcRecordInput {
  return {
    type: "response",
    targetUri: url,
    date: DATE,
    idSeed: seed,
    contentType: "application/http; msgtype=response",
    block: httpResponseBlock(status, status === 200 ? "OK" : "Other", headers, typeof body === "string" ? Buffer.from(body) : body),
  };
}

describe("readWarc() on quirky records", () => {
  const dir = tmpDir();
  let evs: ReadEvent[];
  const byUrl = (u: string): PageRecord | undefined => pagesOf(evs).find((p) => p.url === u);
  beforeAll(async () => {
    const html = '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><p>\x93quoted\x94 \x80</p></body></html>';
    const gzHtml = gzipSync("<html><title>Zipped</title><p>deflated body</p></html>");
    const chunked = Buffer.concat([Buffer.from(`${gzHtml.length.toString(16)}\r\n`), gzHtml, Buffer.from("\r\n0\r\n\r\n")]);
    const recs: WarcRecordInput[] = [
      warcinfoRecord(),
      requestRecord("http://q.org/cp1252", "r1"),
      resp("http://q.org/cp1252", "a", 200, [["Content-Type", "text/html"]], Buffer.from(html, "latin1")),
      resp(
        "http://q.org/zip",
        "b",
        200,
        [
          ["Content-Type", "text/html"],
          ["Transfer-Encoding", "chunked"],
          ["Content-Encoding", "gzip"],
        ],
        chunked,
      ),
      resp("http://q.org/old", "c", 301, [["Location", "../new/place?x=1#frag"]], ""),
      resp(
        "http://q.org/secret",
        "d",
        200,
        [
          ["Content-Type", "text/html; charset=utf-8"],
          ["X-Robots-Tag", "googlebot: noindex"],
        ],
        "<title>S</title><p>hidden</p>",
      ),
      resp("http://q.org/notes.txt", "e", 200, [["Content-Type", "text/plain"]], "line one\n\n  line   two  \n"),
      resp("http://q.org/logo.png", "f", 200, [["Content-Type", "image/png"]], Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])),
      resp("http://q.org/bin", "g", 200, [["Content-Type", "text/html"]], Buffer.alloc(500, 1)),
      { type: "response", targetUri: "dns:q.org", date: DATE, idSeed: "h", contentType: "text/dns", block: Buffer.from("q.org. 300 IN A 1.2.3.4") },
      {
        type: "response",
        targetUri: "http://q.org/bad",
        date: DATE,
        idSeed: "i",
        contentType: "application/http; msgtype=response",
        block: Buffer.from("garbage, not http"),
      },
      resp("http://q.org/nosniff", "j", 200, [], "<!DOCTYPE html><html><title>Sniffed</title></html>"),
    ];
    evs = await collect(writeTmp(dir, "quirks.warc.gz", Buffer.concat(recs.map(encodeWarcRecordGz))), true);
  });

  it("decodes windows-1252 declared only in a meta tag", () => {
    expect(byUrl("http://q.org/cp1252")).toMatchObject({ title: "Café", text: "“quoted” €" });
  });

  it("decodes chunked + gzip payloads", () => {
    expect(byUrl("http://q.org/zip")).toMatchObject({ title: "Zipped", text: "deflated body" });
  });

  it("keeps 3xx responses as pages with a resolved, canonical redirectTo", () => {
    expect(byUrl("http://q.org/old")).toMatchObject({ status: 301, redirectTo: "http://q.org/new/place?x=1", fetchedAt: DATE });
  });

  it("honours X-Robots-Tag noindex, keeps text/plain pages and raw HTML when asked", () => {
    expect(byUrl("http://q.org/secret")).toMatchObject({ noindex: true, text: "hidden", html: "<title>S</title><p>hidden</p>" });
    expect(byUrl("http://q.org/notes.txt")).toMatchObject({ mime: "text/plain", text: "line one\nline two", links: [], html: null });
    expect(byUrl("http://q.org/nosniff")).toMatchObject({ mime: "text/html", title: "Sniffed" });
  });

  it("skips other record types, non-HTML payloads, binary and broken HTTP with reasons and offsets", () => {
    const sk = evs.flatMap((e) => (e.kind === "skip" ? [[e.reason, e.message.split(" ")[0]] as const] : []));
    expect(sk).toEqual([
      ["record_type", "warcinfo"],
      ["record_type", "request"],
      ["not_html", "image/png"],
      ["decode_error", "binary"],
      ["not_html", "not"],
      ["bad_http", "bad"],
    ]);
    for (const e of evs) if (e.kind === "skip") expect(e.offset).toBeGreaterThanOrEqual(0);
  });
});

describe("readWarc() on a hand-written WARC/1.0 file", () => {
  it("reads LF-only, uncompressed records with <angle-bracket> target URIs", async () => {
    const body = "<html><title>Hand</title><a href='sub/x.html'>x</a></html>";
    const http = `HTTP/1.0 200 OK\nContent-type: text/html\n\n${body}`;
    const rec = (uri: string) =>
      `WARC/1.0\nWARC-Type: response\nWARC-Target-URI: <${uri}>\nWARC-Date: 2020-01-02T03:04:05Z\n` +
      `Content-Type: application/http;msgtype=response\nContent-Length: ${Buffer.byteLength(http)}\n\n${http}\n\n`;
    const file = rec("http://Hand.org/dir/a.html") + rec("http://hand.org/dir/b.html");
    const evs = await collect(writeTmp(tmpDir(), "hand.warc", Buffer.from(file)));
    const ps = pagesOf(evs);
    expect(ps.map((p) => [p.url, p.title, p.sourceOffset, p.fetchedAt])).toEqual([
      ["http://hand.org/dir/a.html", "Hand", 0, "2020-01-02T03:04:05Z"],
      ["http://hand.org/dir/b.html", "Hand", file.length / 2, "2020-01-02T03:04:05Z"],
    ]);
    expect(ps[0]?.links).toEqual([{ url: "http://hand.org/dir/sub/x.html", anchor: "x" }]);
  });
});
