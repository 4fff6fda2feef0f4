/** @module Opens (or creates) a corpus DuckDB file and checks its schema version. */
import { existsSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { LoaderError } from "../errors.ts";
import { ADDED_COLUMNS, CORPUS_DDL, REQUIRED_TABLES, SCHEMA_VERSION } from "./schema.ts";

/** An open corpus database: the DuckDB instance and one connection. Call `close()` when done. */
export interface CorpusHandle {
  readonly path: string;
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;
  close(): void;
}

/** Options of `openCorpus`. */
export interface OpenCorpusOptions {
  /** Create the file and the tables when missing (loaders); false for readers (serve, info). */
  create?: boolean;
  /** Open read-only (several processes may then share the file). */
  readOnly?: boolean;
}

/**
 * Opens a corpus file. With `create`, makes the tables (in one transaction) in a new or empty file;
 * a file that already holds tables must be a simweb corpus. Then checks that every required table
 * exists (`SCHEMA_MISMATCH` names the missing ones) and that the file is not from a newer schema
 * (`SCHEMA_TOO_NEW`); nothing is written to a file that fails these checks.
 * @example
 * const db = await openCorpus("corpus.duckdb", { create: true });
 * try { ... } finally { db.close(); }
 */
export async function openCorpus(path: string, opts: OpenCorpusOptions = {}): Promise<CorpusHandle> {
  if (!opts.create && !existsSync(path)) {
    throw new LoaderError("FILE_NOT_FOUND", `corpus file not found: ${path}`);
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, opts.readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (err) {
    const msg = (err as Error).message;
    const lock = /Could not set lock on file/i.test(msg) ? / \(PID (\d+)\)/.exec(msg) : null;
    if (lock !== null || /Could not set lock on file/i.test(msg)) {
      throw new LoaderError(
        "CORPUS_BUSY",
        `${path} is held by another process${lock?.[1] !== undefined ? ` (pid ${lock[1]})` : ""}, e.g. a running simweb serve: stop it first, or load into a copy and restart the server on it`,
        { cause: err },
      );
    }
    throw new LoaderError("BAD_INPUT", `cannot open ${path} as a DuckDB database: ${msg}`, { cause: err });
  }
  const conn = await instance.connect();
  const handle: CorpusHandle = {
    path,
    instance,
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
  try {
    if (opts.create) {
      // refuse another DuckDB database (or a newer corpus) before writing anything to it
      if ((await tableNames(conn)).size > 0) await checkSchema(conn, path);
      await conn.run("BEGIN TRANSACTION");
      for (const ddl of CORPUS_DDL) await conn.run(ddl);
      await conn.run(`INSERT OR IGNORE INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
      await conn.run("COMMIT");
    }
    await checkSchema(conn, path);
    // files written before a column was added get it (with its default) once they are opened for writing
    if (!opts.readOnly) for (const c of ADDED_COLUMNS) await conn.run(c.ddl);
  } catch (err) {
    handle.close();
    if (err instanceof LoaderError) throw err;
    // a truncated or damaged file often opens, then fails on the first read
    throw new LoaderError("BAD_INPUT", `cannot read ${path} as a corpus (damaged or truncated?): ${(err as Error).message}`, { cause: err });
  }
  return handle;
}

let expected: Promise<Set<string>> | null = null;

/** `table.column` of every column the current schema defines (read once from an in-memory database). */
function expectedColumns(): Promise<Set<string>> {
  expected ??= (async () => {
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    try {
      for (const ddl of CORPUS_DDL) await conn.run(ddl);
      const rows = await conn.runAndReadAll(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'`);
      const required = new Set<string>(REQUIRED_TABLES);
      return new Set(
        rows
          .getRowObjectsJS()
          .filter((r) => required.has(String(r.table_name)))
          .map((r) => `${String(r.table_name)}.${String(r.column_name)}`),
      );
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
  })();
  return expected;
}

async function tableNames(conn: DuckDBConnection): Promise<Set<string>> {
  const rows = await conn.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`);
  return new Set(rows.getRowObjectsJS().map((r) => String(r.table_name)));
}

async function checkSchema(conn: DuckDBConnection, path: string): Promise<void> {
  const have = await tableNames(conn);
  const missing = REQUIRED_TABLES.filter((t) => !have.has(t));
  if (missing.length > 0) {
    throw new LoaderError("SCHEMA_MISMATCH", `${path} is not a simweb corpus: missing table(s) ${missing.join(", ")}`);
  }
  const cols = await conn.runAndReadAll(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'`);
  const haveCols = new Set(cols.getRowObjectsJS().map((r) => `${String(r.table_name)}.${String(r.column_name)}`));
  const optional = new Set(ADDED_COLUMNS.map((c) => `${c.table}.${c.column}`));
  const lacking = [...(await expectedColumns())].filter((c) => !haveCols.has(c) && !optional.has(c));
  if (lacking.length > 0) {
    throw new LoaderError("SCHEMA_MISMATCH", `${path} is not a simweb corpus: missing column(s) ${lacking.join(", ")}`);
  }
  const v = await conn.runAndReadAll(`SELECT value FROM meta WHERE key = 'schema_version'`);
  const version = Number(v.getRowObjectsJS()[0]?.value ?? NaN);
  if (!Number.isFinite(version)) {
    throw new LoaderError("SCHEMA_MISMATCH", `${path} has no meta.schema_version`);
  }
  if (version > SCHEMA_VERSION) {
    throw new LoaderError("SCHEMA_TOO_NEW", `${path} has schema version ${version}; this simweb reads up to ${SCHEMA_VERSION}: upgrade simweb`);
  }
}

/** Reads one `meta` value, or null. */
export async function readMeta(conn: DuckDBConnection, key: string): Promise<string | null> {
  const r = await conn.runAndReadAll(`SELECT value FROM meta WHERE key = $1`, [key]);
  const v = r.getRowObjectsJS()[0]?.value;
  return v === undefined ? null : String(v);
}

/** Sets `meta` values (insert or replace). */
export async function writeMeta(conn: DuckDBConnection, values: Record<string, string>): Promise<void> {
  for (const [k, v] of Object.entries(values)) {
    await conn.run(`INSERT OR REPLACE INTO meta VALUES ($1, $2)`, [k, v]);
  }
}
