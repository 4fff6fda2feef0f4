/** @module Writes WARC/1.1 records, one gzip member per record (as Common Crawl does). */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** Fields of one WARC record to write. */
export interface WarcRecordInput {
  type: "warcinfo" | "response" | "request" | "metadata" | "revisit" | "resource" | "conversion";
  /** WARC-Target-URI (written without angle brackets, as WARC/1.1 says). */
  targetUri?: string;
  /** WARC-Date, ISO-8601 UTC. */
  date: string;
  /** Deterministic record id (a urn:uuid is derived from it). */
  idSeed: string;
  contentType: string;
  /** Record block: for `response`, the full HTTP response (status line, headers, body). */
  block: Uint8Array;
  /** Extra WARC headers, written in order after the standard ones. */
  extraHeaders?: Array<[string, string]>;
}

/** Deterministic urn:uuid from a seed string (uuid-v4-shaped bytes from sha1). */
export function recordId(idSeed: string): string {
  const h = createHash("sha1").update(idSeed).digest("hex");
  return `<urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}>`;
}

/** Serialises one record (uncompressed bytes, ending with the two CRLFs). */
export function encodeWarcRecord(rec: WarcRecordInput): Buffer {
  const lines = ["WARC/1.1", `WARC-Type: ${rec.type}`, `WARC-Record-ID: ${recordId(rec.idSeed)}`, `WARC-Date: ${rec.date}`];
  if (rec.targetUri !== undefined) lines.push(`WARC-Target-URI: ${rec.targetUri}`);
  lines.push(`Content-Type: ${rec.contentType}`);
  const digest = createHash("sha1").update(rec.block).digest();
  lines.push(`WARC-Block-Digest: sha1:${base32(digest)}`);
  for (const [k, v] of rec.extraHeaders ?? []) lines.push(`${k}: ${v}`);
  lines.push(`Content-Length: ${rec.block.byteLength}`);
  const head = Buffer.from(lines.join("\r\n") + "\r\n\r\n", "utf8");
  return Buffer.concat([head, rec.block, Buffer.from("\r\n\r\n")]);
}

/** One gzip member holding one record (deterministic: gzip header has no mtime/name). */
export function encodeWarcRecordGz(rec: WarcRecordInput): Buffer {
  return gzipSync(encodeWarcRecord(rec), { level: 6 });
}

/** Builds an HTTP/1.1 response block for a `response` record. */
export function httpResponseBlock(status: number, reason: string, headers: Array<[string, string]>, body: Uint8Array): Buffer {
  const head = [`HTTP/1.1 ${status} ${reason}`, ...headers.map(([k, v]) => `${k}: ${v}`)].join("\r\n");
  return Buffer.concat([Buffer.from(head + "\r\n\r\n", "latin1"), body]);
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** RFC 4648 base32 without padding (the encoding WARC digests use). */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}
