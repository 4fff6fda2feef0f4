/** @module The options and result of a passage-corpus generation, and its version and bounds. */

/** Version of the passage generator's output; bumped whenever the same seed would give different bytes. */
export const PASSAGES_VERSION = 1;
/** Fewest passages a corpus can have. */
export const MIN_PASSAGES = 100;
/** Most passages accepted in one call (ids are dense integers; 50M is ~2.4× wiki-18). */
export const MAX_PASSAGES = 50_000_000;
/** File formats: plain JSONL (as wiki-18 is served) or gzip-compressed. */
export const PASSAGE_FORMATS = ["jsonl", "jsonl.gz"] as const;
/** One of {@link PASSAGE_FORMATS}. */
export type PassageFormat = (typeof PASSAGE_FORMATS)[number];

/** Options of {@link generatePassages}. */
export interface GeneratePassagesOptions {
  /** Any safe integer; the same seed (and options) gives byte-identical files, whatever `workers`. */
  seed: number;
  /** Passages to write (rows `{"id","contents"}`, ids "0".."n-1"); at least 100. */
  passages: number;
  /** Output directory (created when missing). */
  outDir: string;
  /** `jsonl` (default) or `jsonl.gz`. */
  format?: PassageFormat;
  /** Passages per file (default 250,000). */
  passagesPerFile?: number;
  /** Processes writing files in parallel (this one plus workers - 1 children; same bytes as 1). Default 1. */
  workers?: number;
  /** Number of tasks (default passages/20, between 10 and 20,000). */
  tasks?: number;
  /** Internal: write only the files f with f % count === index (used by worker processes). */
  shard?: { index: number; count: number };
}

/** What {@link generatePassages} wrote. */
export interface GeneratedPassages {
  /** Corpus files in order (`outDir/passages-00000.jsonl`, ...). */
  files: string[];
  /** Path of `tasks.jsonl`. */
  tasksFile: string;
  /** Passages written. */
  passages: number;
  /** Articles the passages belong to. */
  articles: number;
  /** Entities with an article (the ones tasks ask about). */
  entities: number;
  /** Tasks written. */
  tasks: number;
  /** Total bytes of all files written (corpus files + tasks.jsonl + passages.json). */
  bytes: number;
}
