/** @module Writes the development set's documentation HTML as one WARC.gz, so it is loaded the way a new user loads a crawl. */
import { writeFileSync } from "node:fs";
import { encodeWarcRecordGz, httpResponseBlock } from "../../../corpus-loader/index.ts";
import { docFiles, type DocSource } from "./doc-sources.ts";

/** Fixed fetch date of every record (the set is frozen). */
const DATE = "2024-01-01T00:00:00Z";

/** Writes every file of `sources` as a `response` record to `path`; returns the number of pages. */
export function writeDocWarc(path: string, sources: readonly DocSource[]): number {
  const parts: Buffer[] = [];
  for (const src of sources) {
    for (const f of docFiles(src)) {
      const block = httpResponseBlock(
        200,
        "OK",
        [
          ["Content-Type", "text/html; charset=utf-8"],
          ["Content-Length", String(f.html.byteLength)],
        ],
        f.html,
      );
      parts.push(
        encodeWarcRecordGz({ type: "response", targetUri: f.url, date: DATE, idSeed: f.url, contentType: "application/http; msgtype=response", block }),
      );
    }
  }
  writeFileSync(path, Buffer.concat(parts));
  return parts.length;
}
