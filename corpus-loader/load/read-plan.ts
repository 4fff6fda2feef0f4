/** @module Cuts a load's input files into read units: whole files, or byte ranges of big gzip-per-record WARC/WET files. */
import { open, stat } from "node:fs/promises";
import { detectFormat } from "../readers/detect-format.ts";
import type { ByteRange } from "../warc/index.ts";
import type { InputFormat } from "./reader-for.ts";

/** One piece of reading: a file, or a byte range of one. Units of a file are consecutive, in file order. */
export interface ReadUnit {
  /** Position in the load's unit order (results are consumed in this order). */
  id: number;
  /** Position of the file in the load's file list. */
  fileIndex: number;
  file: string;
  /** Bytes of the file (counted once, on the file's first unit). */
  size: number;
  format: InputFormat;
  range?: ByteRange;
  /** True on the file's last unit. */
  last: boolean;
  /** Why the file cannot be read (detection failed): the unit only reports it. */
  error?: unknown;
}

/** Default range size when a file is read in parallel pieces. */
export const DEFAULT_RANGE_BYTES = 16 * 1024 * 1024;

/**
 * Plans the units of `files`: a gzip WARC or WET file (many members, as crawlers write them) bigger
 * than two ranges is cut into ranges of about `rangeBytes`, so its members are read on several cores;
 * every other file (plain, ARC, Parquet, JSONL) is one unit. A file whose format cannot be detected is
 * a unit carrying the error.
 */
export async function planUnits(files: readonly string[], format: InputFormat, rangeBytes = DEFAULT_RANGE_BYTES): Promise<ReadUnit[]> {
  const units: ReadUnit[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const base = { fileIndex, file, last: true };
    let size = 0;
    let fmt: InputFormat;
    try {
      size = (await stat(file)).size;
      fmt = format !== "auto" ? format : await detectFormat(file);
    } catch (error) {
      units.push({ ...base, id: units.length, size, format, error });
      continue;
    }
    const pieces = (fmt === "warc" || fmt === "wet") && size > 2 * rangeBytes && (await startsGzip(file)) ? Math.round(size / rangeBytes) : 1;
    if (pieces <= 1) {
      units.push({ ...base, id: units.length, size, format: fmt });
      continue;
    }
    for (let k = 0; k < pieces; k++) {
      const range = { start: Math.floor((size * k) / pieces), end: k === pieces - 1 ? Number.MAX_SAFE_INTEGER : Math.floor((size * (k + 1)) / pieces) };
      units.push({ fileIndex, file, id: units.length, size: k === 0 ? size : 0, format: fmt, range, last: k === pieces - 1 });
    }
  }
  return units;
}

async function startsGzip(file: string): Promise<boolean> {
  const fh = await open(file, "r");
  try {
    const b = Buffer.alloc(3);
    await fh.read(b, 0, 3, 0);
    return b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08;
  } finally {
    await fh.close();
  }
}
