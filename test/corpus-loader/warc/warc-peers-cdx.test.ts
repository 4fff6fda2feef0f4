/**
 * pywb's own CDX indexes of its sample WARCs (test/fixtures/warc-peers/pywb-cdx, unmodified): every
 * row's record is read at the row's offset with the row's URL, date, type and HTTP status, and the
 * pages simweb keeps are exactly the rows' HTML and redirect captures.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readWarc } from "../../../corpus-loader/readers/warc.ts";
import { canonicalizeUrl } from "../../../corpus-loader/url/canonicalize.ts";
import { parseHttpResponse } from "../../../corpus-loader/warc/http-response.ts";
import { readWarcRecords, type WarcRecord } from "../../../corpus-loader/warc/warc-record-reader.ts";

const PEERS = new URL("../../fixtures/warc-peers/", import.meta.url).pathname;
const CDX = join(PEERS, "pywb-cdx");

interface Row {
  url: string;
  timestamp: string;
  mime: string;
  status: string;
  offset: number;
  file: string;
}

/** Rows of a CDX (` CDX N b a m s k r M S V g`) or CDXJ (`urlkey timestamp {json}`) file. */
function rowsOf(name: string): Row[] {
  const out: Row[] = [];
  for (const line of readFileSync(join(CDX, name), "utf8").split("\n")) {
    if (line.trim() === "" || line.startsWith(" CDX")) continue;
    const f = line.split(" ");
    if (name.endsWith(".cdxj")) {
      const j = JSON.parse(f.slice(2).join(" ")) as Record<string, string>;
      out.push({ url: j.url ?? "", timestamp: f[1] ?? "", mime: j.mime ?? "", status: j.status ?? "-", offset: Number(j.offset), file: j.filename ?? "" });
    } else {
      out.push({ url: f[2] ?? "", timestamp: f[1] ?? "", mime: f[3] ?? "", status: f[4] ?? "", offset: Number(f[9]), file: f[10] ?? "" });
    }
  }
  return out;
}

/** The fixture holding a WARC a CDX row names (pywb's sample files, and warcio's post-test). */
function warcPath(file: string): string {
  for (const d of ["pywb", "warcio"]) if (readdirSync(join(PEERS, d)).includes(file)) return join(PEERS, d, file);
  throw new Error(`no fixture ${file}`);
}

const INDEXES = readdirSync(CDX).filter((n) => /\.cdxj?$/.test(n));

describe("the warc-peers files against pywb's CDX indexes", () => {
  it("has the eight indexes pywb ships for its sample WARCs", () => {
    expect(INDEXES).toHaveLength(8);
  });

  for (const index of INDEXES) {
    it(`${index}: every row's record at its offset, with its URL, date, type and status; pages are its HTML and redirect rows`, async () => {
      const rows = rowsOf(index);
      expect(rows.length).toBeGreaterThan(0);
      for (const file of new Set(rows.map((r) => r.file))) {
        const path = warcPath(file);
        const byOffset = new Map<number, WarcRecord>();
        for await (const ev of readWarcRecords(path)) if (ev.kind === "record") byOffset.set(ev.record.offset, ev.record);
        const mine = rows.filter((r) => r.file === file);
        for (const r of mine) {
          const rec = byOffset.get(r.offset);
          expect(rec, `${file} @${r.offset}`).toBeDefined();
          if (rec === undefined) continue;
          expect((rec.headers.get("warc-target-uri") ?? "").replace(/^<|>$/g, ""), `${file} @${r.offset}`).toBe(r.url);
          expect((rec.headers.get("warc-date") ?? "").replace(/\D/g, "").slice(0, 14)).toBe(r.timestamp);
          expect(rec.type).toBe(r.mime === "warc/revisit" ? "revisit" : "response");
          if (rec.type === "response" && /^\d{3}$/.test(r.status)) {
            const http = parseHttpResponse(rec.block);
            expect(http.ok && http.response.status, `${file} @${r.offset}`).toBe(Number(r.status));
          }
        }
        const pageRows = mine.filter((r) => (r.mime === "text/html" && r.status === "200") || /^3\d\d$/.test(r.status));
        const pages: string[] = [];
        for await (const ev of readWarc(path)) if (ev.kind === "page") pages.push(ev.page.url);
        expect([...new Set(pages)].sort(), file).toEqual([...new Set(pageRows.map((r) => canonicalizeUrl(r.url)))].sort());
      }
    });
  }
});
