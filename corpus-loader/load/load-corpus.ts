/** @module The load pipeline: input files → readers → dedup → the corpus DuckDB file. */
import { existsSync, rmSync } from "node:fs";
import { LoaderError, type LoaderErrorCode } from "../errors.ts";
import { refuseIfServed } from "../store/corpus-holders.ts";
import { openCorpus, readMeta, writeMeta } from "../store/open-corpus.ts";
import { PageWriter } from "../store/page-writer.ts";
import type { SkipReason } from "../types.ts";
import { canonicalizeUrl } from "../url/canonicalize.ts";
import { expandInputs } from "./expand-inputs.ts";
import { planUnits } from "./read-plan.ts";
import type { InputFormat } from "./reader-for.ts";
import { readUnits } from "./read-units.ts";

export { INPUT_FORMATS, type InputFormat } from "./reader-for.ts";

/** Options of `loadCorpus`. */
export interface LoadOptions {
  format?: InputFormat;
  /** Keep raw HTML in `pages.html` (default true). */
  keepHtml?: boolean;
  /** Sort query parameters when canonicalising URLs (default false). */
  sortQuery?: boolean;
  /**
   * Worker threads reading files (and byte ranges of big gzip WARC/WET files) in parallel while this
   * thread writes; 0 reads in this thread. Default 0: on a machine whose cores are busy the threads cost more than they
   * gain (measured: 90.8 against 71.7 CPU s for 96 MB), and the gain on idle cores is not measured yet.
   * Pages get the same ids whatever the number.
   */
  workers?: number;
  /** Size of the byte ranges a big gzip WARC/WET file is cut into for parallel reading (default 16 MiB). */
  rangeBytes?: number;
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

/**
 * An input file the load could not read, with why. Records read from it before the failure (when
 * it failed mid-way) are kept; `records` counts them.
 */
export interface SkippedFile {
  file: string;
  /** `UNKNOWN_FORMAT` (not a format the loader reads), `FILE_NOT_FOUND` (vanished or unreadable), `BAD_INPUT`. */
  code: LoaderErrorCode;
  message: string;
  records: number;
}

/** What a load did. `badRecords` keeps the first 1,000 (all are counted in `skipped`). */
export interface LoadSummary {
  /** Input files after expansion, skipped ones included. */
  files: number;
  /** Files that could not be read (each named, with why); the other files were loaded. */
  skippedFiles: SkippedFile[];
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
/** DuckDB's memory cap while loading. */
const LOAD_MEMORY_LIMIT = "1GB";

/**
 * Loads files (globs and directories allowed) into a corpus file, creating it when missing.
 * Incremental: pages already stored are kept; new ones get the next dense ids. One unreadable file
 * (empty, random bytes, an unknown format, a reader that gives up) never aborts the load: it is listed
 * in `skippedFiles` with its error code and message, and the other files are loaded.
 * @example
 * const s = await loadCorpus("corpus.duckdb", ["crawl/*.warc.gz"]);
 * console.log(s.pagesAdded, s.skipped);
 */
export async function loadCorpus(dbPath: string, inputs: readonly string[], opts: LoadOptions = {}): Promise<LoadSummary> {
  const t0 = performance.now();
  const files = expandInputs(inputs);
  refuseIfServed(dbPath, "load into");
  const existed = existsSync(dbPath);
  const db = await openCorpus(dbPath, { create: true });
  const summary: LoadSummary = {
    files: files.length,
    skippedFiles: [],
    bytes: 0,
    records: 0,
    pagesAdded: 0,
    pagesReplaced: 0,
    duplicateUrl: 0,
    duplicateContent: 0,
    links: 0,
    skipped: {},
    skippedTypes: {},
    badRecords: [],
    totalPages: 0,
    seconds: 0,
  };
  try {
    // DuckDB's buffer pool defaults to 80% of RAM: cap it, so a big load's memory stays bounded (spills to disk)
    await db.conn.run(`SET memory_limit = '${LOAD_MEMORY_LIMIT}'`);
    const writer = await PageWriter.open(db.conn);
    const units = await planUnits(files, opts.format ?? "auto", opts.rangeBytes);
    const bytes = units.reduce((n, u) => n + u.size, 0);
    summary.bytes = bytes;
    const workers = opts.workers ?? 0;
    let pages = 0;
    let records = 0;
    for await (const item of readUnits(units, { keepHtml: opts.keepHtml ?? true, workers })) {
      const { unit } = item;
      if (item.kind === "end") {
        if (item.error !== undefined && !summary.skippedFiles.some((f) => f.file === unit.file)) {
          summary.skippedFiles.push(skippedFile(unit.file, item.error, records));
        }
        if (unit.last) {
          opts.onProgress?.({ file: unit.file, fileIndex: unit.fileIndex + 1, files: files.length, records: summary.records, pages });
          records = 0;
        }
        continue;
      }
      for (const ev of item.events) {
        records++;
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
          opts.onProgress?.({ file: unit.file, fileIndex: unit.fileIndex, files: files.length, records: summary.records, pages });
        }
      }
    }
    await writer.finish();
    const c = writer.counts;
    Object.assign(summary, {
      pagesAdded: c.added,
      pagesReplaced: c.replaced,
      duplicateUrl: c.duplicateUrl,
      duplicateContent: c.duplicateContent,
      links: c.links,
      totalPages: writer.size,
    });
    // bumped by every load that changes pages, so an index built before it is known to be stale
    if (c.added + c.replaced > 0) {
      const loads = Number((await readMeta(db.conn, "loads")) ?? 0) + 1;
      await writeMeta(db.conn, { loads: String(loads) });
    }
  } finally {
    db.close();
    // a load that created the file and kept no page leaves nothing behind (not an empty corpus)
    if (!existed && summary.totalPages === 0) for (const f of [dbPath, `${dbPath}.wal`]) rmSync(f, { force: true });
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

function skippedFile(file: string, err: unknown, records: number): SkippedFile {
  if (err instanceof LoaderError) {
    const message = err.message.includes(file) ? err.message : `${file}: ${err.message}`;
    return { file, code: err.code, message, records };
  }
  const e = err as NodeJS.ErrnoException;
  const code: LoaderErrorCode = e?.code === "ENOENT" || e?.code === "EACCES" || e?.code === "EISDIR" ? "FILE_NOT_FOUND" : "BAD_INPUT";
  return { file, code, message: `${file}: ${e?.message ?? String(err)}`, records };
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
