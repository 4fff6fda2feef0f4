/** @module Streams generated pages into rotating gzip-per-record WARC files (request + response per page). */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { base32, encodeWarcRecord, httpResponseBlock, recordId } from "../warc/warc-writer.ts";
import type { RenderedPage } from "./world-context.ts";

/** Bytes buffered before a write to the file. */
const CHUNK = 4 << 20;
const SERVERS = ["nginx/1.24.0", "Apache/2.4.57 (Unix)", "cloudflare", "Microsoft-IIS/10.0", "openresty"];
const REASONS: Record<number, string> = { 200: "OK", 301: "Moved Permanently", 404: "Not Found" };

/** Server header of a host (fixed per host, derived from its name). */
function serverOf(host: string): string {
  let h = 0;
  for (let i = 0; i < host.length; i++) h = (h * 31 + host.charCodeAt(i)) >>> 0;
  return SERVERS[h % SERVERS.length] as string;
}

/** Options of {@link WorldWarcWriter}. */
export interface WorldWarcWriterOptions {
  outDir: string;
  pagesPerFile: number;
  /** Text of the `isPartOf` warcinfo field. */
  isPartOf: string;
  /** WARC-Date of each file's warcinfo record. */
  infoDate: string;
  /** Number of the first file this writer writes (parallel generation writes disjoint files). Default 0. */
  firstFile?: number;
}

/**
 * Writes `outDir/world-00000.warc.gz`, `world-00001.warc.gz`, ...: each file starts with a
 * `warcinfo` record, then a `request` and a `response` record per page, one gzip member each.
 * Output bytes depend only on the pages added and their order.
 */
export class WorldWarcWriter {
  readonly files: string[] = [];
  bytes = 0;
  private readonly opts: WorldWarcWriterOptions;
  private fh: FileHandle | null = null;
  private pagesInFile = 0;
  private infoId = "";
  private chunk: Buffer[] = [];
  private chunkBytes = 0;

  constructor(opts: WorldWarcWriterOptions) {
    this.opts = opts;
  }

  /** Adds one page fetched at `fetchedAt` (a Date built from the seed, never the wall clock). */
  async add(url: string, page: RenderedPage, fetchedAt: Date): Promise<void> {
    if (this.fh === null || this.pagesInFile >= this.opts.pagesPerFile) await this.rotate();
    this.pagesInFile++;
    const u = new URL(url);
    const date = fetchedAt.toISOString().replace(/\.\d{3}Z$/, "Z");
    const body = Buffer.from(page.html, "utf8");
    const headers: Array<[string, string]> = [
      ["Date", fetchedAt.toUTCString()],
      ["Server", serverOf(u.host)],
      ["Content-Type", u.host.length % 3 === 0 ? "text/html; charset=UTF-8" : "text/html; charset=utf-8"],
      ["Content-Length", String(body.byteLength)],
    ];
    if (page.location !== null) headers.push(["Location", page.location]);
    headers.push(["Connection", "close"]);
    const respSeed = `${url}\u0000response`;
    const reqBlock = Buffer.from(
      `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUser-Agent: simweb-crawler/1.0\r\n` +
        `Accept: text/html,application/xhtml+xml\r\nAccept-Language: en\r\n\r\n`,
      "latin1",
    );
    this.push(
      encodeWarcRecord({
        type: "request",
        targetUri: url,
        date,
        idSeed: `${url}\u0000request`,
        contentType: "application/http; msgtype=request",
        block: reqBlock,
        extraHeaders: [
          ["WARC-Warcinfo-ID", this.infoId],
          ["WARC-Concurrent-To", recordId(respSeed)],
        ],
      }),
    );
    const payloadDigest = `sha1:${base32(createHash("sha1").update(body).digest())}`;
    this.push(
      encodeWarcRecord({
        type: "response",
        targetUri: url,
        date,
        idSeed: respSeed,
        contentType: "application/http; msgtype=response",
        block: httpResponseBlock(page.status, REASONS[page.status] ?? "OK", headers, body),
        extraHeaders: [
          ["WARC-Warcinfo-ID", this.infoId],
          ["WARC-Payload-Digest", payloadDigest],
          ["WARC-Identified-Payload-Type", "text/html"],
        ],
      }),
    );
    if (this.chunkBytes >= CHUNK) await this.flushChunk();
  }

  /** Flushes and closes the current file. */
  async close(): Promise<void> {
    await this.flushChunk();
    if (this.fh !== null) await this.fh.close();
    this.fh = null;
  }

  /** Compresses a record as its own gzip member (level 6, the measured main cost) and buffers it. */
  private push(record: Buffer): void {
    const gz = gzipSync(record, { level: 6 });
    this.chunk.push(gz);
    this.chunkBytes += gz.byteLength;
  }

  private async flushChunk(): Promise<void> {
    if (this.chunkBytes === 0 || this.fh === null) return;
    const data = Buffer.concat(this.chunk, this.chunkBytes);
    this.chunk = [];
    this.chunkBytes = 0;
    await this.fh.write(data);
    this.bytes += data.byteLength;
  }

  private async rotate(): Promise<void> {
    await this.close();
    const name = `world-${String((this.opts.firstFile ?? 0) + this.files.length).padStart(5, "0")}.warc.gz`;
    const path = join(this.opts.outDir, name);
    this.fh = await open(path, "w");
    this.files.push(path);
    this.pagesInFile = 0;
    const idSeed = `${this.opts.isPartOf}\u0000warcinfo\u0000${name}`;
    this.infoId = recordId(idSeed);
    const fields =
      [
        "software: simweb-generator/1",
        "format: WARC File Format 1.1",
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        `isPartOf: ${this.opts.isPartOf}`,
        "description: synthetic web generated by simweb",
        "robots: classic",
      ].join("\r\n") + "\r\n";
    this.push(
      encodeWarcRecord({
        type: "warcinfo",
        date: this.opts.infoDate,
        idSeed,
        contentType: "application/warc-fields",
        block: Buffer.from(fields, "utf8"),
        extraHeaders: [["WARC-Filename", name]],
      }),
    );
  }
}
