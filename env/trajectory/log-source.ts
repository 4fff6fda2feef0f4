/**
 * @module Which file a reader opens: the log itself read-only, or, while a writer process holds the log's
 * lock, the live snapshot that writer publishes next to it (`runs/x.duckdb` → `runs/x.live.duckdb`).
 */
import { existsSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { TrajectoryError } from "./errors.ts";

/** Where a reader's data comes from. */
export type LogSource =
  | { kind: "log"; path: string }
  | {
      kind: "snapshot";
      /** The snapshot file. */
      path: string;
      /** When the writer took it (ISO), from the snapshot's `log_meta`. */
      takenAt: string | null;
      /** The writing process. */
      writerPid: number | null;
    };

/** The live snapshot published next to a log: `runs/x.duckdb` → `runs/x.live.duckdb`. */
export function liveSnapshotPath(logPath: string): string {
  return logPath.endsWith(".duckdb") ? `${logPath.slice(0, -".duckdb".length)}.live.duckdb` : `${logPath}.live.duckdb`;
}

/** Whether a DuckDB open failed because another process holds the file's lock. */
export function isLockError(err: unknown): boolean {
  return /Could not set lock|Conflicting lock/i.test(String((err as Error)?.message ?? err));
}

const pidIn = (err: unknown): string => /PID (\d+)/.exec(String((err as Error)?.message ?? ""))?.[1] ?? "?";

/**
 * Opens `path` read-only; when a writer holds its lock and `live` is on, opens the writer's live snapshot
 * instead. Throws `LOG_NOT_FOUND`, `LOG_BUSY` (held, and no snapshot to read) or `BAD_LOG`.
 * @example
 * const { instance, source } = await openLogFile("runs/exp1.duckdb", true); // source.kind: "log" | "snapshot"
 */
export async function openLogFile(path: string, live: boolean): Promise<{ instance: DuckDBInstance; source: LogSource }> {
  const { opened, source } = await resolveLogFile(path, live, (file) => DuckDBInstance.create(file, { access_mode: "READ_ONLY" }));
  return { instance: opened, source };
}

/**
 * Runs `open` on the log, or, while a writer holds the log's lock and `live` is on, on its live snapshot
 * (`open` either opens an instance or attaches the file to one). Throws `LOG_NOT_FOUND`, `LOG_BUSY` or `BAD_LOG`.
 */
export async function resolveLogFile<T>(path: string, live: boolean, open: (file: string) => Promise<T>): Promise<{ opened: T; source: LogSource }> {
  if (!existsSync(path)) throw new TrajectoryError("LOG_NOT_FOUND", `trajectory log not found: ${path}`);
  const snap = liveSnapshotPath(path);
  let lockErr: unknown = null;
  // the writer may close (removing its snapshot) between our attempts: try the log, then the snapshot, then the log again
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return { opened: await open(path), source: { kind: "log", path } };
    } catch (err) {
      if (!isLockError(err)) throw new TrajectoryError("BAD_LOG", `cannot open ${path} as a DuckDB file: ${(err as Error).message}`, { cause: err });
      lockErr = err;
    }
    if (!live || !existsSync(snap)) break;
    try {
      return { opened: await open(snap), source: { kind: "snapshot", path: snap, takenAt: null, writerPid: null } };
    } catch (err) {
      if (existsSync(snap)) throw new TrajectoryError("BAD_LOG", `cannot open the live snapshot ${snap}: ${(err as Error).message}`, { cause: err });
    }
  }
  throw new TrajectoryError(
    "LOG_BUSY",
    `${path} is being written by another process (PID ${pidIn(lockErr)})` +
      (live
        ? ` and no live snapshot (${snap}) is published yet: simweb rollout and serve --log publish one every few seconds unless --live-interval 0; retry in a moment`
        : ""),
    { cause: lockErr },
  );
}
