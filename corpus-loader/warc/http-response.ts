/** @module Parses the HTTP response held in a WARC `response` record and decodes its body bytes. */
import zlib from "node:zlib";
import { WarcHeaders, findHeaderEnd, parseHeaderBlock } from "./warc-headers.ts";

/** A parsed HTTP response. Header names are case-insensitive. */
export interface HttpResponse {
  /** "1.0", "1.1" (whatever the status line says). */
  httpVersion: string;
  status: number;
  reason: string;
  headers: WarcHeaders;
  /** Payload after transfer- and content-decoding (chunked, gzip, deflate, br). */
  body: Buffer;
  /** MIME type from Content-Type, lowercase, without parameters ("" when absent). */
  mime: string;
  /** Charset parameter of Content-Type, lowercase, or null. */
  charset: string | null;
}

/** Why a response could not be parsed: `bad_http` for the message, `decode_error` for the body. */
export type HttpParseResult = { ok: true; response: HttpResponse } | { ok: false; reason: "bad_http" | "decode_error"; message: string };

/** `HTTP/1.1 200 OK`; other protocol names too (pywb's `HTTPX/1.1` test captures), as pywb and warcio read them. */
const STATUS_LINE = /^[A-Z][A-Z0-9]{1,9}\/(\d(?:\.\d)?)\s+(\d{3})(?:\s+(.*))?$/i;

/**
 * Parses an HTTP/1.x response (status line, headers, body), tolerating LF-only line endings,
 * then undoes `Transfer-Encoding: chunked` (when the body really is chunked: some crawlers keep the
 * header but store the body de-chunked) and `Content-Encoding: gzip | x-gzip | deflate | br`
 * (likewise only when the bytes are encoded).
 * @param block The WARC record block.
 * @example
 * const r = parseHttpResponse(record.block);
 * if (r.ok) console.log(r.response.status, r.response.mime);
 */
export function parseHttpResponse(block: Buffer): HttpParseResult {
  const eol = block.indexOf(0x0a);
  const first = block
    .subarray(0, eol < 0 ? Math.min(block.length, 200) : eol)
    .toString("latin1")
    .trim();
  const m = STATUS_LINE.exec(first);
  if (m === null) return { ok: false, reason: "bad_http", message: `bad status line: ${JSON.stringify(first.slice(0, 80))}` };
  const end = findHeaderEnd(block, 0);
  const headEnd = end < 0 ? block.length : end;
  const { headers } = parseHeaderBlock(block, 0, headEnd);
  let body: Buffer = block.subarray(headEnd);
  const te = (headers.get("transfer-encoding") ?? "").toLowerCase();
  if (te.includes("chunked")) {
    const dechunked = dechunk(body);
    if (dechunked !== null) body = dechunked;
  }
  const ce = (headers.get("content-encoding") ?? "").toLowerCase().trim();
  if (ce !== "" && ce !== "identity" && body.length > 0) {
    const decoded = decodeContent(body, ce);
    if (decoded === undefined) {
      return { ok: false, reason: "decode_error", message: `cannot decode Content-Encoding ${ce}` };
    }
    body = decoded;
  }
  const ct = parseContentType(headers.get("content-type") ?? "");
  return {
    ok: true,
    response: {
      httpVersion: m[1] ?? "1.1",
      status: Number(m[2]),
      reason: (m[3] ?? "").trim(),
      headers,
      body,
      mime: ct.mime,
      charset: ct.charset,
    },
  };
}

/** Splits a Content-Type value into lowercase MIME type and charset parameter. */
export function parseContentType(value: string): { mime: string; charset: string | null } {
  const semi = value.indexOf(";");
  const mime = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const cs = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(value);
  return { mime, charset: cs?.[1] !== undefined ? cs[1].toLowerCase() : null };
}

/**
 * Decodes a chunked body; null when it does not look chunked (first line not a hex size).
 * A truncated last chunk keeps what is there.
 */
export function dechunk(body: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let p = 0;
  for (let n = 0; ; n++) {
    const nl = body.indexOf(0x0a, p);
    if (nl < 0) return n === 0 ? null : Buffer.concat(parts);
    const line = body.subarray(p, nl).toString("latin1").trim();
    const sm = /^([0-9a-f]{1,8})(?:\s*;.*)?$/i.exec(line);
    if (sm === null) return n === 0 ? null : Buffer.concat(parts);
    const size = parseInt(sm[1] ?? "0", 16);
    if (size === 0) return Buffer.concat(parts);
    const start = nl + 1;
    parts.push(body.subarray(start, Math.min(body.length, start + size)));
    p = start + size;
    if (body[p] === 0x0d) p++;
    if (body[p] === 0x0a) p++;
    if (p >= body.length) return Buffer.concat(parts);
  }
}

/** Undoes a Content-Encoding; the body unchanged when it is not actually encoded; undefined on failure. */
function decodeContent(body: Buffer, encoding: string): Buffer | undefined {
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    if (encoding === "gzip" || encoding === "x-gzip") {
      if (!(body[0] === 0x1f && body[1] === 0x8b)) return body;
      return zlib.gunzipSync(body, lenient);
    }
    if (encoding === "deflate") {
      try {
        return zlib.inflateSync(body, lenient);
      } catch {
        return zlib.inflateRawSync(body, lenient);
      }
    }
    if (encoding === "br") {
      return zlib.brotliDecompressSync(body);
    }
  } catch {
    return looksLikeText(body) ? body : undefined;
  }
  return body;
}

/** True when the first bytes have no NULs and few control characters (already-decoded text). */
function looksLikeText(body: Buffer): boolean {
  const n = Math.min(body.length, 512);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = body[i] ?? 0;
    if (c === 0) return false;
    if (c < 9 || (c > 13 && c < 32)) bad++;
  }
  return bad * 20 < n;
}
