/** @module The corpus database schema (one DuckDB file = the whole frozen web). */

/** Bumped on any incompatible change; stored in `meta.schema_version`. */
export const SCHEMA_VERSION = 1;

/**
 * DDL of the corpus tables. `pages.id` is dense 0..N-1 (typed-array index).
 * Index tables (`index_*`) are created by the index build, not here.
 */
export const CORPUS_DDL = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS pages (
     id INTEGER NOT NULL,
     url VARCHAR NOT NULL,
     host VARCHAR NOT NULL,
     title VARCHAR NOT NULL,
     text VARCHAR NOT NULL,
     html VARCHAR,
     status SMALLINT NOT NULL,
     mime VARCHAR NOT NULL,
     fetched_at TIMESTAMP,
     lang VARCHAR,
     digest VARCHAR NOT NULL,
     redirect_to VARCHAR,
     noindex BOOLEAN NOT NULL DEFAULT false,
     source_file VARCHAR NOT NULL,
     source_offset BIGINT NOT NULL,
     headings VARCHAR DEFAULT ''
   )`,
  `CREATE TABLE IF NOT EXISTS links (
     src_id INTEGER NOT NULL,
     dst_url VARCHAR NOT NULL,
     dst_id INTEGER,
     anchor VARCHAR NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS tasks (
     id VARCHAR NOT NULL,
     question VARCHAR NOT NULL,
     answers VARCHAR[] NOT NULL,
     gold_urls VARCHAR[] NOT NULL,
     hops INTEGER NOT NULL,
     split VARCHAR NOT NULL,
     source VARCHAR NOT NULL,
     type VARCHAR NOT NULL,
     rubric VARCHAR
   )`,
] as const;

/**
 * Columns added after schema version 1 that older files may lack: `openCorpus` adds them (with their
 * defaults) when it opens a file for writing, and readers treat them as empty when absent.
 */
export const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; ddl: string }> = [
  { table: "pages", column: "headings", ddl: `ALTER TABLE pages ADD COLUMN IF NOT EXISTS headings VARCHAR DEFAULT ''` },
];

/** Tables every corpus file must have. */
export const REQUIRED_TABLES = ["meta", "pages", "links", "tasks"] as const;
