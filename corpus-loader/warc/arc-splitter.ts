/** @module ARC (the Internet Archive's format before WARC, Common Crawl 2008–2012): records as WARC-shaped records. */
import { WarcHeaders, skipBreaks } from "./warc-headers.ts";
import type { RecordSplitter, SplitOptions, SplitRecord, SplitStep } from "./record-splitter.ts";

/** Longest ARC header line looked at. */
const MAX_LINE = 64 * 1024;
const TAIL_KEEP = 64;

/** True when the bytes at `p` start an ARC file (its version block's `filedesc://` line). */
export function isArcStart(buf: Uint8Array, p = 0): boolean {
  const i = skipBreaks(buf, p);
  return Buffer.from(buf.buffer, buf.byteOffset + i, Math.min(11, buf.byteLength - i)).toString("latin1") === "filedesc://";
}

/**
 * A splitter for ARC files (v1: `URL IP-address Archive-date Content-type Archive-length` header lines;
 * v2, announced by the version block, has ten fields and the length last). Each record's block is the
 * `Archive-length` bytes after its header line: the HTTP response. Records come out WARC-shaped: the
 * version block as `warcinfo`, the others as `response` with `WARC-Target-URI`, `WARC-Date` (from the
 * 14-digit archive date), `WARC-IP-Address`, `Content-Type: application/http` for http(s) URLs (the ARC
 * content type is kept as `ARC-Content-Type`). The URL may hold spaces (the fields are split from the
 * right). A length that is not a number counts as 0, as warcio reads it; a version block without one
 * is its two lines.
 */
export function createArcSplitter(): RecordSplitter {
  let fields = 5;
  return {
    startsRecord(buf, p) {
      const i = skipBreaks(buf, p);
      const nl = buf.indexOf(0x0a, i);
      return parseArcHeader(buf.subarray(i, nl < 0 ? Math.min(buf.length, i + 512) : nl), fields) !== null;
    },

    next(buf, p0, o: SplitOptions): SplitStep {
      const len = buf.length;
      const p = skipBreaks(buf, p0);
      if (p >= len) return o.final ? { kind: "end" } : { kind: "more", from: p, need: len + 1 };
      const nl = buf.indexOf(0x0a, p);
      if (nl < 0 || nl - p > MAX_LINE) {
        if (!o.final && len - p < MAX_LINE) return { kind: "more", from: p, need: len + 1 };
        return arcGarbage(buf, p, fields, o.final);
      }
      const h = parseArcHeader(buf.subarray(p, nl), fields);
      if (h === null) return arcGarbage(buf, p, fields, o.final);
      const blockStart = nl + 1;
      let blockEnd = blockStart + (h.length ?? 0);
      const filedesc = h.url.startsWith("filedesc://");
      if (filedesc && h.length === null) blockEnd = lineEnd(buf, lineEnd(buf, blockStart));
      if (blockEnd - blockStart > o.max) return arcGarbage(buf, blockStart, fields, o.final);
      if (!o.final && len < blockEnd + o.lookahead) return { kind: "more", from: p, need: blockEnd + o.lookahead };
      const end = Math.min(blockEnd, len);
      const block = buf.subarray(blockStart, end);
      if (filedesc) {
        const major = /^\s*(\d)/.exec(block.subarray(0, 64).toString("latin1"))?.[1];
        fields = major === "2" ? 10 : 5;
      }
      const record: SplitRecord = {
        version: `ARC/${fields === 10 ? 2 : 1}`,
        type: filedesc ? "warcinfo" : "response",
        headers: arcHeaders(h, end - blockStart),
        block,
        truncated: blockEnd > len,
      };
      return { kind: "record", record, start: p, next: end, shortBy: 0 };
    },
  };
}

interface ArcHeader {
  url: string;
  ip: string;
  date: string;
  mime: string;
  /** null when the length field is not a number. */
  length: number | null;
}

/** Parses an ARC header line (fields split from the right, so the URL may hold spaces), or null. */
function parseArcHeader(line: Uint8Array, fields: number): ArcHeader | null {
  const text = Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString("latin1").trim();
  const parts = text.split(" ");
  if (parts.length < fields) return null;
  const tail = parts.splice(parts.length - (fields - 1));
  const url = parts.join(" ");
  const [ip = "", date = "", mime = ""] = tail;
  const lengthField = tail[tail.length - 1] ?? "";
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url) || !/^\d{8,18}$/.test(date)) return null;
  return { url, ip, date, mime, length: /^\d{1,15}$/.test(lengthField) ? Number(lengthField) : null };
}

function arcHeaders(h: ArcHeader, blockBytes: number): WarcHeaders {
  const headers = new WarcHeaders();
  const http = /^https?:/i.test(h.url);
  headers.add("WARC-Target-URI", h.url);
  headers.add("WARC-Date", arcDate(h.date));
  headers.add("WARC-IP-Address", h.ip);
  headers.add("Content-Type", http ? "application/http; msgtype=response" : h.mime);
  headers.add("Content-Length", String(h.length ?? blockBytes));
  headers.add("ARC-Content-Type", h.mime);
  return headers;
}

/** "20140216050221" → "2014-02-16T05:02:21Z" (missing digits are zeros, extra ones dropped). */
function arcDate(d: string): string {
  const s = d.slice(0, 14).padEnd(14, "0");
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}Z`;
}

function lineEnd(buf: Buffer, i: number): number {
  const nl = buf.indexOf(0x0a, i);
  return nl < 0 ? buf.length : nl + 1;
}

/** Lines from `p` that are not ARC header lines, up to the next one that is. */
function arcGarbage(buf: Buffer, p: number, fields: number, final: boolean): SplitStep {
  let i = lineEnd(buf, p);
  while (i < buf.length) {
    const nl = buf.indexOf(0x0a, i);
    if (nl < 0) break;
    if (parseArcHeader(buf.subarray(i, nl), fields) !== null) return { kind: "garbage", start: p, next: i, done: true };
    i = nl + 1;
  }
  if (final) return { kind: "garbage", start: p, next: buf.length, done: true };
  return { kind: "garbage", start: p, next: Math.max(p, Math.min(i, buf.length - TAIL_KEEP)), done: false };
}
