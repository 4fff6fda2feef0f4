/** @module The options and result of a world generation, and its version and size bounds. */

/** Version of the generator's output; bumped whenever the same seed would give different bytes. */
export const GENERATOR_VERSION = 1;
/** Fewest pages a world can have (every page kind needs a few entities to point at). */
export const MIN_PAGES = 100;
/** Most pages accepted in one call. */
export const MAX_PAGES = 50_000_000;

/** Options of {@link generateWorld}. */
export interface GenerateWorldOptions {
  /** Any safe integer; the same seed (and options) gives byte-identical files. */
  seed: number;
  /** Number of HTTP responses (pages, including 301s and 404s) to write; at least 100. */
  pages: number;
  /** Output directory (created when missing). */
  outDir: string;
  /** Pages per WARC file (default 10,000). */
  pagesPerFile?: number;
  /** Worker processes writing files in parallel (same bytes as 1). Default 1. */
  workers?: number;
  /** Internal: write only the files f with f % count === index (used by worker processes). */
  shard?: { index: number; count: number };
  /** Number of tasks (default pages/20, between 10 and 20,000). */
  tasks?: number;
}

/** What {@link generateWorld} wrote. */
export interface GeneratedWorld {
  /** WARC file paths in order (`outDir/world-00000.warc.gz`, ...). */
  files: string[];
  /** Path of `tasks.jsonl`. */
  tasksFile: string;
  /** Pages written (equals the `pages` option). */
  pages: number;
  /** Tasks written. */
  tasks: number;
  /** Total bytes of all files written (WARC files + tasks.jsonl + world.json). */
  bytes: number;
}
