/**
 * @module Read-only access to a run's trajectory log: opened on demand (`access_mode: READ_ONLY`), shared by
 * concurrent requests, and released after a quiet spell so a later `simweb rollout --resume` can take the file.
 */
import { existsSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { UiError } from "./errors.ts";

/** A result row with BIGINTs as numbers and timestamps as ISO strings. */
export type Row = Record<string, unknown>;

/** An open log: parameterised queries plus a per-open memo for derived data (advantages, corpus tasks). */
export interface RunDb {
  /** Runs `sql` with `$1..$n` bound to `params`. */
  rows(sql: string, params?: DuckDBValue[]): Promise<Row[]>;
  /** Computes `make()` once per open of the file (the log may change between opens). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Columns of the `episodes` table (newer logs may add some). */
  episodeColumns: ReadonlySet<string>;
}

/** Options of {@link RunStore}. */
export interface RunStoreOptions {
  /** Close the file after this many ms without requests (default 15000). */
  idleMs?: number;
}

const TABLES = ["runs", "episodes", "steps", "components"];

/** Converts DuckDB's JS values for JSON: bigint → number, Date → ISO string, recursively in lists. */
export function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

interface Session {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  db: RunDb;
}

/**
 * The run file, opened read-only on first use and closed when idle.
 * @example
 * const store = new RunStore("runs/demo.duckdb");
 * const n = await store.use(async (db) => (await db.rows("SELECT count(*) AS n FROM episodes"))[0]?.n);
 * store.close();
 */
export class RunStore {
  readonly path: string;
  private readonly idleMs: number;
  private opening: Promise<Session> | null = null;
  private active = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(path: string, o: RunStoreOptions = {}) {
    this.path = path;
    this.idleMs = o.idleMs ?? 15_000;
  }

  /** Runs `fn` against the open file (opening it when needed). */
  async use<T>(fn: (db: RunDb) => Promise<T>): Promise<T> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.active++;
    try {
      this.opening ??= this.open();
      let s: Session;
      try {
        s = await this.opening;
      } catch (err) {
        this.opening = null;
        throw err;
      }
      return await fn(s.db);
    } finally {
      if (--this.active === 0 && this.opening !== null) {
        this.timer = setTimeout(() => this.close(), this.idleMs);
        this.timer.unref();
      }
    }
  }

  /** Closes the file now (the next `use` reopens it). */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const opening = this.opening;
    this.opening = null;
    void opening?.then(
      (s) => {
        s.conn.closeSync();
        s.instance.closeSync();
      },
      () => undefined,
    );
  }

  private async open(): Promise<Session> {
    if (!existsSync(this.path)) throw new UiError("LOG_NOT_FOUND", `trajectory log not found: ${this.path}`);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(this.path, { access_mode: "READ_ONLY" });
    } catch (err) {
      throw new UiError("BAD_LOG", `cannot open ${this.path} read-only (is a rollout still writing it?): ${(err as Error).message}`, { cause: err });
    }
    const conn = await instance.connect();
    const rows = async (sql: string, params: DuckDBValue[] = []): Promise<Row[]> => {
      const r = await conn.runAndReadAll(sql, params);
      return r.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
    };
    try {
      const tables = new Set((await rows(`SELECT table_name FROM information_schema.tables`)).map((r) => String(r.table_name)));
      const missing = TABLES.filter((t) => !tables.has(t));
      if (missing.length > 0) throw new UiError("BAD_LOG", `${this.path} is not a simweb trajectory log: missing table(s) ${missing.join(", ")}`);
      const cols = await rows(`SELECT column_name FROM information_schema.columns WHERE table_name = 'episodes'`);
      const memos = new Map<string, Promise<unknown>>();
      const db: RunDb = {
        rows,
        episodeColumns: new Set(cols.map((c) => String(c.column_name))),
        memo: <T>(key: string, make: () => Promise<T>): Promise<T> => {
          let p = memos.get(key) as Promise<T> | undefined;
          if (p === undefined) {
            p = make();
            memos.set(key, p);
            p.catch(() => memos.delete(key));
          }
          return p;
        },
      };
      return { instance, conn, db };
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      if (err instanceof UiError) throw err;
      throw new UiError("BAD_LOG", `cannot read ${this.path}: ${(err as Error).message}`, { cause: err });
    }
  }
}
