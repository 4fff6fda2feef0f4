/** @module Detects an input file's format from its bytes (never from its name). */
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { createReadStream } from "node:fs";
import { LoaderError } from "../errors.ts";
import { readWarcRecords } from "../warc/warc-record-reader.ts";

/** Input formats the loader reads. */
export type DetectedFormat = "warc" | "arc" | "wet" | "parquet" | "jsonl";

const PEEK_BYTES = 64 * 1024;

/**
 * Detects the format of a file from its content: gzip is looked through; `WARC/` → "wet" when the first
 * record that is not `warcinfo` is a `conversion` record, else "warc"; `filedesc://` (an ARC version
 * block, plain or gzip) → "arc" (read by the WARC reader); `PAR1` magic → "parquet";
 * `{` as the first non-space character (plain or gzip) → "jsonl".
 * @throws LoaderError FILE_NOT_FOUND when the file cannot be opened, UNKNOWN_FORMAT (naming the file) otherwise.
 * @example
 * await detectFormat("CC-MAIN-2024.warc.wet.gz"); // "wet"
 */
export async function detectFormat(path: string): Promise<DetectedFormat> {
  const head = await readHead(path);
  if (head.subarray(0, 4).toString("latin1") === "PAR1") return "parquet";
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const start = gz ? await gunzipHead(path) : head;
  const text = start.toString("latin1");
  if (text.startsWith("WARC/")) return await warcKind(path);
  if (text.startsWith("filedesc://")) return "arc";
  const first = text.trimStart()[0];
  if (first === "{") return "jsonl";
  throw new LoaderError(
    "UNKNOWN_FORMAT",
    `cannot tell the format of ${path}: not WARC, ARC, WET, Parquet or JSONL (starts with ${JSON.stringify(text.slice(0, 16))})`,
  );
}

async function readHead(path: string): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, "r");
  } catch (err) {
    throw new LoaderError("FILE_NOT_FOUND", `cannot open ${path}`, { cause: err });
  }
  try {
    const buf = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await fh.read(buf, 0, PEEK_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** First (up to) 64 KB of the decompressed stream; whatever decompressed before an error. */
async function gunzipHead(path: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  const src = createReadStream(path, { highWaterMark: PEEK_BYTES });
  const gunzip = createGunzip();
  src.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      const b = chunk as Buffer;
      parts.push(b);
      n += b.length;
      if (n >= PEEK_BYTES) break;
    }
  } catch {
    // corrupt or truncated: judge from what came out
  } finally {
    src.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(parts);
}

/** "wet" when the first record that is not warcinfo is a conversion record. */
async function warcKind(path: string): Promise<DetectedFormat> {
  for await (const ev of readWarcRecords(path)) {
    if (ev.kind !== "record" || ev.record.type === "warcinfo") continue;
    return ev.record.type === "conversion" ? "wet" : "warc";
  }
  return "warc";
}
