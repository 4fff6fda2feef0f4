/** @module The load pipeline: input files → readers → dedup → the corpus DuckDB file. */
import { statSync } from "node:fs";
import { LoaderError } from "../errors.ts";
import { readJsonl } from "../readers/jsonl.ts";
import { readParquet } from "../readers/parquet.ts";
import { readWarc } from "../readers/warc.ts";
import { readWet } from "../readers/wet.ts";
import { detectFormat } from "../readers/detect-format.ts";
import { refuseIfServed } from "../store/corpus-holders.ts";
import { openCorpus, readMeta, writeMeta } from "../store/open-corpus.ts";
import { PageWriter } from "../store/page-writer.ts";
import type { ReadEvent, SkipReason } from "../types.ts";
import { canonicalizeUrl } from "../url/canonicalize.ts";
import { expandInputs } from "./expand-inputs.ts";

/** Input formats; `auto` detects each file's format from its content. */
export type InputFormat = "auto" | "warc" | "wet" | "parquet" | "jsonl";
export const INPUT_FORMATS: readonly InputFormat[] = ["auto", "warc", "wet", "parquet", "jsonl"];

/** Options of `loadCorpus`. */
export interface LoadOptions {
  format?: InputFormat;
  /** Keep raw HTML in `pages.html` (default true). */
  keepHtml?: boolean;
  /** Sort query parameters when canonicalising URLs (default false). */
  sortQuery?: boolean;
  /** Called after each file and every 5,000 records. */
  onProgress?: (p: LoadProgress) => void;
}

/** Progress of a load. */
export interface LoadProgress {
  file: string;
  fileIndex: number;
  files: number;
  records: number;
  pages: number;
}

/** One bad record, reported with where it was. */
export interface BadRecord {
  file: string;
  offset: number;
  reason: SkipReason;
  message: string;
}

/** What a load did. `badRecords` keeps the first 1,000 (all are counted in `skipped`). */
export interface LoadSummary {
  files: number;
  bytes: number;
  records: number;
  pagesAdded: number;
  pagesReplaced: number;
  duplicateUrl: number;
  duplicateContent: number;
  links: number;
  /** Skips by reason (record types such as `request` are under `record_type`). */
  skipped: Partial<Record<SkipReason, number>>;
  /** Skipped record types by WARC-Type (request, metadata...). */
  skippedTypes: Record<string, number>;
  badRecords: BadRecord[];
  totalPages: number;
  seconds: number;
}

const MAX_BAD_LISTED = 1000;

/**
 * Loads files (globs and directories allowed) into a corpus file, creating it when missing.
 * Incremental: pages already stored are kept; new ones get the next dense ids.
 * @example
 * const s = await loadCorpus("corpus.duckdb", ["crawl/*.warc.gz"]);
 * console.log(s.pagesAdded, s.skipped);
 */
export async function loadCorpus(dbPath: string, inputs: readonly string[], opts: LoadOptions = {}): Promise<LoadSummary> {
  const t0 = performance.now();
  const files = expandInputs(inputs);
  refuseIfServed(dbPath, "load into");
  const db = await openCorpus(dbPath, { create: true });
  const summary: LoadSummary = {
    files: files.length, bytes: 0, records: 0, pagesAdded: 0, pagesReplaced: 0, duplicateUrl: 0,
    duplicateContent: 0, links: 0, skipped: {}, skippedTypes: {}, badRecords: [], totalPages: 0, seconds: 0,
  };
  try {
    const writer = await PageWriter.open(db.conn);
    let pages = 0;
    for (const [i, file] of files.entries()) {
      summary.bytes += statSync(file).size;
      const format = opts.format && opts.format !== "auto" ? opts.format : await detectFormat(file);
      for await (const ev of readerFor(format, file, opts)) {
        summary.records++;
        if (ev.kind === "skip") {
          summary.skipped[ev.reason] = (summary.skipped[ev.reason] ?? 0) + 1;
          if (ev.reason === "record_type") {
            summary.skippedTypes[ev.message] = (summary.skippedTypes[ev.message] ?? 0) + 1;
          } else if (ev.reason !== "not_html" && summary.badRecords.length < MAX_BAD_LISTED) {
            summary.badRecords.push({ file: ev.file, offset: ev.offset, reason: ev.reason, message: ev.message });
          }
          continue;
        }
        const page = opts.sortQuery ? sortQueries(ev.page) : ev.page;
        if (writer.add(page) === "added") pages++;
        if (summary.records % 5000 === 0) {
          opts.onProgress?.({ file, fileIndex: i, files: files.length, records: summary.records, pages });
        }
      }
      opts.onProgress?.({ file, fileIndex: i + 1, files: files.length, records: summary.records, pages });
    }
    await writer.finish();
    const c = writer.counts;
    Object.assign(summary, {
      pagesAdded: c.added, pagesReplaced: c.replaced, duplicateUrl: c.duplicateUrl,
      duplicateContent: c.duplicateContent, links: c.links, totalPages: writer.size,
    });
    // bumped by every load that changes pages, so an index built before it is known to be stale
    if (c.added + c.replaced > 0) {
      const loads = Number((await readMeta(db.conn, "loads")) ?? 0) + 1;
      await writeMeta(db.conn, { loads: String(loads) });
    }
  } finally {
    db.close();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

function readerFor(format: InputFormat, file: string, opts: LoadOptions): AsyncGenerator<ReadEvent> {
  switch (format) {
    case "warc":
      return readWarc(file, { keepHtml: opts.keepHtml ?? true });
    case "wet":
      return readWet(file);
    case "parquet":
      return readParquet(file);
    case "jsonl":
      return readJsonl(file);
    default:
      throw new LoaderError("UNKNOWN_FORMAT", `unknown format ${String(format)} for ${file}`);
  }
}

function sortQueries<T extends { url: string; links: Array<{ url: string; anchor: string }>; redirectTo: string | null }>(p: T): T {
  const canon = (u: string): string => canonicalizeUrl(u, undefined, { sortQuery: true }) ?? u;
  return {
    ...p,
    url: canon(p.url),
    links: p.links.map((l) => ({ ...l, url: canon(l.url) })),
    redirectTo: p.redirectTo === null ? null : canon(p.redirectTo),
  };
}
