/**
 * @module The viewer's handle on a run's trajectory log: a `LogReader` opened on demand, shared by concurrent
 * requests, released after a quiet spell (so a later `simweb rollout --resume` can take the file), and
 * reopened when the writer of a live run publishes a newer snapshot.
 */
import { statSync } from "node:fs";
import { expandLogPaths, LogReader, liveSnapshotPath, TrajectoryError } from "../trajectory/index.ts";
import { UiError } from "./errors.ts";

/** An open log: the typed reader plus a per-open memo for derived data (advantages, corpus tasks). */
export interface RunDb {
  log: LogReader;
  /** Computes `make()` once per open of the file (the log, or its live snapshot, changes between opens). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
}

/** Options of {@link RunStore}. */
export interface RunStoreOptions {
  /** Close the file after this many ms without requests (default 15000). */
  idleMs?: number;
}

interface Session {
  db: RunDb;
  /** Identity of the snapshot file read (null when reading the log itself). */
  fileId: string | null;
  users: number;
  retired: boolean;
}

const fileIdOf = (path: string): string => {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return "gone";
  }
};

/** Identity of the live snapshots of every log read (they change together only by chance: any change reopens). */
const snapshotsIdOf = (paths: readonly string[]): string => paths.map((p) => fileIdOf(liveSnapshotPath(p))).join("|");

/** Maps the reader's errors to the viewer's codes (and HTTP statuses). */
export function uiErrorOf(err: unknown): UiError {
  if (err instanceof UiError) return err;
  if (err instanceof TrajectoryError) {
    const code = err.code === "LOG_NOT_FOUND" ? "LOG_NOT_FOUND" : err.code === "LOG_BUSY" ? "LOG_BUSY" : err.code === "BAD_CONFIG" ? "BAD_PARAM" : "BAD_LOG";
    return new UiError(code, err.message, { cause: err });
  }
  return new UiError("INTERNAL_ERROR", (err as Error).message, { cause: err });
}

/**
 * The run file, opened read-only on first use and closed when idle.
 * @example
 * const store = new RunStore("runs/demo.duckdb");
 * const runs = await store.use((db) => db.log.runs());
 * store.close();
 */
export class RunStore {
  /** What the store reads, as named in the viewer: the log (or glob) given, or several joined with " + ". */
  readonly path: string;
  /** The log arguments (one path or glob, or several merged by episode id). */
  readonly logs: readonly string[];
  private readonly idleMs: number;
  private current: Promise<Session> | null = null;
  private active = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(logs: string | readonly string[], o: RunStoreOptions = {}) {
    this.logs = typeof logs === "string" ? [logs] : [...logs];
    this.path = this.logs.join(" + ");
    this.idleMs = o.idleMs ?? 15_000;
  }

  /** Runs `fn` against the open file (opening it, or its newer live snapshot, when needed). */
  async use<T>(fn: (db: RunDb) => Promise<T>): Promise<T> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.active++;
    try {
      const s = await this.acquire();
      try {
        return await fn(s.db);
      } finally {
        s.users--;
        if (s.retired && s.users === 0) s.db.log.close();
      }
    } catch (err) {
      throw uiErrorOf(err);
    } finally {
      if (--this.active === 0 && this.current !== null) {
        this.timer = setTimeout(() => this.close(), this.idleMs);
        this.timer.unref();
      }
    }
  }

  /** Closes the file now (the next `use` reopens it). */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const current = this.current;
    this.current = null;
    void current?.then(retire, () => undefined);
  }

  /** The current session with one more user, reopened first when it reads a live snapshot that has been replaced. */
  private async acquire(): Promise<Session> {
    for (;;) {
      const pending = (this.current ??= this.open());
      let s: Session;
      try {
        s = await pending;
      } catch (err) {
        if (this.current === pending) this.current = null;
        throw err;
      }
      if (s.retired) continue;
      if (s.fileId !== null && snapshotsIdOf(s.db.log.paths) !== s.fileId) {
        if (this.current === pending) this.current = null;
        retire(s);
        continue;
      }
      s.users++;
      return s;
    }
  }

  private async open(): Promise<Session> {
    const paths = expandLogPaths(this.logs);
    const before = snapshotsIdOf(paths); // taken first: a snapshot replaced meanwhile looks changed, never unchanged
    const log = await LogReader.open(paths);
    const memos = new Map<string, Promise<unknown>>();
    const db: RunDb = {
      log,
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
    return { db, fileId: log.sources.some((x) => x.kind === "snapshot") ? before : null, users: 0, retired: false };
  }
}

function retire(s: Session): void {
  if (s.retired) return;
  s.retired = true;
  if (s.users === 0) s.db.log.close();
}
