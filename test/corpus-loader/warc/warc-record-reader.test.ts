import { readFileSync, statSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { stream } from "../../../core/seeded-stream.ts";
import type { WarcReadEvent, WarcRecord } from "../../../corpus-loader/warc/warc-record-reader.ts";
import { readWarcRecords } from "../../../corpus-loader/warc/warc-record-reader.ts";
import { encodeWarcRecord } from "../../../corpus-loader/warc/warc-writer.ts";
import { gzMembers, lfOnlyRecord, pages, tmpDir, withContentLength, writeTmp } from "./make-warc.ts";

const FIXTURE = new URL("../../fixtures/pgdocs-small.warc.gz", import.meta.url).pathname;

async function collect(path: string): Promise<WarcReadEvent[]> {
  const out: WarcReadEvent[] = [];
  for await (const ev of readWarcRecords(path, { chunkSize: 4096 })) out.push(ev);
  return out;
}
const records = (evs: WarcReadEvent[]): WarcRecord[] => evs.flatMap((e) => (e.kind === "record" ? [e.record] : []));
const skips = (evs: WarcReadEvent[]) => evs.flatMap((e) => (e.kind === "skip" ? [e] : []));
const titles = (evs: WarcReadEvent[]): string[] => records(evs).map((r) => /<title>([^<]*)<\/title>/.exec(r.block.toString())?.[1] ?? "?");

describe("readWarcRecords()", () => {
  const dir = tmpDir();

  it("reads every record of the real wget crawl with types counted independently", async () => {
    const text = gunzipSync(readFileSync(FIXTURE)).toString("latin1");
    const expected: Record<string, number> = {};
    for (const m of text.matchAll(/^WARC-Type: (\S+)\r?$/gm)) expected[m[1] ?? ""] = (expected[m[1] ?? ""] ?? 0) + 1;
    const evs = await collect(FIXTURE);
    expect(skips(evs)).toEqual([]);
    const got: Record<string, number> = {};
    for (const r of records(evs)) got[r.type] = (got[r.type] ?? 0) + 1;
    expect(got).toEqual(expected);
    expect(records(evs)[0]?.version).toBe("1.0");
  });

  it("reports gzip member offsets: gunzipping the bytes at an offset gives that record", async () => {
    const file = readFileSync(FIXTURE);
    const recs = records(await collect(FIXTURE));
    const offsets = recs.map((r) => r.offset);
    expect(offsets[0]).toBe(0);
    for (let i = 0; i < recs.length; i += 37) {
      const rec = recs[i] as WarcRecord;
      const end = offsets[i + 1] ?? file.length;
      const one = gunzipSync(file.subarray(rec.offset, end)).toString("latin1");
      expect(one.startsWith("WARC/1.0")).toBe(true);
      expect(one).toContain(`WARC-Record-ID: ${rec.headers.get("WARC-Record-ID")}`);
    }
  });

  it("reads an uncompressed WARC (detected from bytes) with record offsets", async () => {
    const plain = gunzipSync(readFileSync(FIXTURE));
    const path = writeTmp(dir, "plain.warc.gz", plain); // misleading name on purpose
    const evs = await collect(path);
    const gz = records(await collect(FIXTURE));
    expect(skips(evs)).toEqual([]);
    expect(records(evs).map((r) => r.headers.get("warc-record-id"))).toEqual(gz.map((r) => r.headers.get("warc-record-id")));
    for (const r of records(evs).slice(0, 50)) {
      expect(plain.subarray(r.offset, r.offset + 8).toString()).toBe("WARC/1.0");
      expect(r.block.equals(gz.find((g) => g.headers.get("warc-record-id") === r.headers.get("warc-record-id"))?.block ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it("gives case-insensitive headers and WARC/1.1 versions", async () => {
    const { members } = gzMembers(pages(2));
    const evs = await collect(writeTmp(dir, "v11.warc.gz", Buffer.concat(members)));
    const r = records(evs)[0] as WarcRecord;
    expect(r.version).toBe("1.1");
    expect(r.type).toBe("response");
    expect(r.headers.get("warc-target-uri")).toBe("http://example.org/p0.html");
    expect(r.headers.get("WARC-TARGET-URI")).toBe("http://example.org/p0.html");
  });

  it("tolerates LF-only line endings, gzipped and plain", async () => {
    const recs = pages(3).map(lfOnlyRecord);
    for (const [name, bytes] of [
      ["lf.warc", Buffer.concat(recs)],
      ["lf.warc.gz", Buffer.concat(recs.map((r) => gzipSync(r)))],
    ] as const) {
      const evs = await collect(writeTmp(dir, name, bytes));
      expect(skips(evs)).toEqual([]);
      expect(titles(evs)).toEqual(["p0", "p1", "p2"]);
      expect(records(evs)[0]?.block.toString().startsWith("HTTP/1.1 200 OK\nContent-Type")).toBe(true);
    }
  });

  it("keeps what a truncated last gzip member inflates to as a truncated record, and reports the member", async () => {
    const { members, offsets } = gzMembers(pages(4));
    const whole = Buffer.concat(members);
    const evs = await collect(writeTmp(dir, "trunc.warc.gz", whole.subarray(0, whole.length - 30)));
    expect(titles(evs)).toEqual(["p0", "p1", "p2", "p3"]);
    expect(records(evs).map((r) => [r.truncated, r.offset])).toEqual([
      [false, offsets[0]],
      [false, offsets[1]],
      [false, offsets[2]],
      [true, offsets[3]],
    ]);
    expect(skips(evs)).toMatchObject([{ reason: "corrupt_gzip", offset: offsets[3], file: expect.stringContaining("trunc.warc.gz") }]);
  });

  it("skips a garbled member in the middle and resynchronises at the next one", async () => {
    const { members, offsets } = gzMembers(pages(5));
    const bad = Buffer.from(members[2] as Buffer);
    for (let i = 20; i < bad.length - 12; i += 7) bad[i] = (bad[i] ?? 0) ^ 0x5a;
    members[2] = bad;
    const evs = await collect(writeTmp(dir, "garbled.warc.gz", Buffer.concat(members)));
    expect(titles(evs)).toEqual(["p0", "p1", "p3", "p4"]);
    expect(skips(evs)).toMatchObject([{ reason: "corrupt_gzip", offset: offsets[2] }]);
    expect(records(evs).map((r) => r.offset)).toEqual([offsets[0], offsets[1], offsets[3], offsets[4]]);
  });

  it("skips random garbage between gzip members, later offsets still exact", async () => {
    const { members } = gzMembers(pages(4));
    const rng = stream(7, "test", "garbage");
    const garbage = Buffer.from(Array.from({ length: 300 }, () => rng.int(256)));
    garbage[0] = 0x00;
    const bytes = Buffer.concat([members[0] as Buffer, members[1] as Buffer, garbage, members[2] as Buffer, members[3] as Buffer]);
    const path = writeTmp(dir, "garbage.warc.gz", bytes);
    const evs = await collect(path);
    expect(titles(evs)).toEqual(["p0", "p1", "p2", "p3"]);
    const at = (members[0] as Buffer).length + (members[1] as Buffer).length;
    expect(skips(evs)).toMatchObject([{ reason: "corrupt_gzip", offset: at }]);
    const r2 = records(evs)[2] as WarcRecord;
    expect(r2.offset).toBe(at + garbage.length);
    expect(gunzipSync(bytes.subarray(r2.offset, r2.offset + (members[2] as Buffer).length)).toString()).toContain("<title>p2</title>");
  });

  it("reports wrong Content-Length (too long, too short) and missing headers in gzip members, keeping what is readable", async () => {
    const recs = pages(6).map((r) => encodeWarcRecord(r));
    const cl = (b: Buffer) => Number(/Content-Length: (\d+)/.exec(b.toString("latin1"))?.[1]);
    recs[1] = withContentLength(recs[1] as Buffer, String(cl(recs[1] as Buffer) + 50));
    recs[2] = withContentLength(recs[2] as Buffer, String(cl(recs[2] as Buffer) - 50));
    recs[3] = withContentLength(recs[3] as Buffer, null);
    recs[4] = Buffer.from((recs[4] as Buffer).toString("latin1").replace(/WARC-Type: response\r\n/, ""), "latin1");
    const members = recs.map((r) => gzipSync(r));
    const evs = await collect(writeTmp(dir, "cl.warc.gz", Buffer.concat(members)));
    // too long: the record's member holds all of it (kept, truncated); too short: kept with its Content-Length bytes
    expect(titles(evs)).toEqual(["p0", "p1", "p2", "p5"]);
    expect(records(evs).map((r) => r.truncated)).toEqual([false, true, false, false]);
    expect(skips(evs).map((s) => s.reason)).toEqual(["bad_content_length", "bad_content_length", "missing_header", "missing_header"]);
    let o = 0;
    const offs = members.map((m) => ((o += m.length), o - m.length));
    expect(skips(evs).map((s) => s.offset)).toEqual([offs[1], offs[2], offs[3], offs[4]]);
  });

  it("recovers from wrong Content-Length, missing headers and garbage in a plain WARC", async () => {
    const recs = pages(7).map((r) => encodeWarcRecord(r));
    const cl = (b: Buffer) => Number(/Content-Length: (\d+)/.exec(b.toString("latin1"))?.[1]);
    recs[1] = withContentLength(recs[1] as Buffer, String(cl(recs[1] as Buffer) + 80)); // runs into p2's header
    recs[3] = withContentLength(recs[3] as Buffer, String(cl(recs[3] as Buffer) - 40));
    recs[4] = withContentLength(recs[4] as Buffer, null);
    const garbage = Buffer.from("\x00\x01garbage garbage\nWARC is not here\n\xff\xfe", "latin1");
    const parts = [recs[0], recs[1], recs[2], recs[3], recs[4], recs[5], garbage, recs[6]] as Buffer[];
    const offs: number[] = [];
    let o = 0;
    for (const p of parts) offs.push((o += p.length) - p.length);
    const evs = await collect(writeTmp(dir, "bad.warc", Buffer.concat(parts)));
    // too long (runs into p2): skipped; too short (p3): kept as its Content-Length says, the rest reported
    expect(titles(evs)).toEqual(["p0", "p2", "p3", "p5", "p6"]);
    expect(skips(evs).map((s) => [s.reason, s.offset])).toEqual([
      ["bad_content_length", offs[1]],
      ["bad_content_length", offs[3]],
      ["missing_header", offs[4]],
      ["bad_content_length", offs[5]], // the garbage after p5: its Content-Length too short, or junk
    ]);
    expect(records(evs).map((r) => r.offset)).toEqual([offs[0], offs[2], offs[3], offs[5], offs[7]]);
  });

  it("finds the next record after garbage that does not end with a line break", async () => {
    const recs = pages(2).map((r) => encodeWarcRecord(r));
    const bytes = Buffer.concat([recs[0] as Buffer, Buffer.from("junk WARC/1.x junk"), recs[1] as Buffer]);
    const evs = await collect(writeTmp(dir, "junk.warc", bytes));
    expect(titles(evs)).toEqual(["p0", "p1"]);
    expect(skips(evs)).toMatchObject([{ reason: "bad_content_length", offset: 0, message: expect.stringContaining("18 bytes between") }]);
  });

  it("reports a Content-Length larger than the whole file without buffering it", async () => {
    const recs = pages(2).map((r) => encodeWarcRecord(r));
    recs[0] = withContentLength(recs[0] as Buffer, "999999999999");
    const evs = await collect(writeTmp(dir, "huge.warc", Buffer.concat(recs)));
    expect(titles(evs)).toEqual(["p1"]);
    expect(skips(evs)).toMatchObject([{ reason: "bad_content_length", offset: 0 }]);
  });

  it("yields nothing for an empty file and throws FILE_NOT_FOUND for a missing one", async () => {
    expect(await collect(writeTmp(dir, "empty.warc", Buffer.alloc(0)))).toEqual([]);
    await expect(collect(`${dir}/nope.warc.gz`)).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
  });
});

describe("readWarcRecords({ range })", () => {
  const files = [
    "pywb/iana.warc.gz",
    "resiliparse/warcfile.warc.gz",
    "resiliparse/clueweb-quirk.warc.gz",
    "warcio/example-wrong-chunks.warc.gz",
    "resiliparse/clipped.warc.gz",
  ];
  for (const name of files) {
    it(`consecutive ranges of ${name} give each record of the whole file once, in order`, async () => {
      const path = `test/fixtures/warc-peers/${name}`;
      const size = statSync(path).size;
      const key = (ev: WarcReadEvent): string =>
        ev.kind === "record" ? `${ev.record.offset} ${ev.record.type} ${ev.record.block.length}` : `skip ${ev.offset} ${ev.reason}`;
      const whole: string[] = [];
      for await (const ev of readWarcRecords(path)) whole.push(key(ev));
      for (const k of [2, 5, 13]) {
        const parts: string[] = [];
        for (let i = 0; i < k; i++) {
          const range = { start: Math.floor((size * i) / k), end: i === k - 1 ? size : Math.floor((size * (i + 1)) / k) };
          for await (const ev of readWarcRecords(path, { range })) parts.push(key(ev));
        }
        expect(parts, `${k} ranges`).toEqual(whole);
      }
    });
  }
});
