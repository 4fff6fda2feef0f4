/** @module Writes one corpus file (a range of passages) as JSONL or JSONL.gz. */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { LoaderError } from "../../errors.ts";
import type { PassageFormat } from "./passage-options.ts";
import type { PassageWorld } from "./passage-world.ts";
import { renderPassages } from "./render-passages.ts";

/**
 * Renders passages `[from, to)` into `path`. Rendering runs on this thread while compression (gzip
 * level 6) and the writes run on libuv's thread pool, with back-pressure between them.
 * @example
 * await writePassageFile(world, 0, 250_000, "out/passages-00000.jsonl", "jsonl");
 */
export async function writePassageFile(w: PassageWorld, from: number, to: number, path: string, format: PassageFormat): Promise<void> {
  const source = Readable.from(renderPassages(w, from, to), { objectMode: false });
  try {
    if (format === "jsonl.gz") await pipeline(source, createGzip({ level: 6 }), createWriteStream(path));
    else await pipeline(source, createWriteStream(path));
  } catch (cause) {
    throw new LoaderError("GENERATOR_ERROR", `cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}
