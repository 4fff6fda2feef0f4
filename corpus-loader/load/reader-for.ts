/** @module The input formats and the reader of each: one file (or byte range of one) → read events. */
import { LoaderError } from "../errors.ts";
import { readJsonl } from "../readers/jsonl.ts";
import { readParquet } from "../readers/parquet.ts";
import { readWarc } from "../readers/warc.ts";
import { readWet } from "../readers/wet.ts";
import type { ReadEvent } from "../types.ts";
import type { ByteRange } from "../warc/index.ts";

/** Input formats; `auto` detects each file's format from its content. */
export type InputFormat = "auto" | "warc" | "arc" | "wet" | "parquet" | "jsonl";
export const INPUT_FORMATS: readonly InputFormat[] = ["auto", "warc", "arc", "wet", "parquet", "jsonl"];

/** What a reader is asked for: `range` only for gzip-per-record WARC/WET files (see `WarcReaderOptions.range`). */
export interface ReaderRequest {
  keepHtml: boolean;
  range?: ByteRange;
}

/**
 * The events of `file` read as `format` (a detected format, not `auto`).
 * @throws LoaderError UNKNOWN_FORMAT for a format the loader has no reader for.
 */
export function readerFor(format: InputFormat, file: string, req: ReaderRequest): AsyncGenerator<ReadEvent> {
  const range = req.range === undefined ? {} : { range: req.range };
  switch (format) {
    case "warc":
    case "arc": // the WARC reader tells ARC from WARC by the bytes
      return readWarc(file, { keepHtml: req.keepHtml, ...range });
    case "wet":
      return readWet(file, range);
    case "parquet":
      return readParquet(file);
    case "jsonl":
      return readJsonl(file);
    default:
      throw new LoaderError("UNKNOWN_FORMAT", `unknown format ${String(format)} for ${file}`);
  }
}
