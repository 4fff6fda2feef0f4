/**
 * @module The live snapshot: while a writer holds the log's lock (DuckDB allows one writing process and no
 * reader beside it), it publishes a read-only copy next to the log every few seconds, so the viewer and
 * export can follow a run as it goes. See docs/live-view.md for the choice and its measured cost.
 */
import { renameSync, rmSync } from "node:fs";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { liveSnapshotPath } from "./log-source.ts";

/** Options of the live snapshot (`TrajectoryLogOptions.live`). */
export interface LiveSnapshotOptions {
  /** Least time between two snapshots, in ms (default 2000). */
  intervalMs?: number;
  /**
   * Most share of wall time spent copying (default 0.1): after a copy that took d ms the next one waits at
   * least d × (1 / maxDuty − 1), so a large log is copied less often instead of slowing the run.
   */
  maxDuty?: number;
}

/** What the publisher has done. */
export interface LiveSnapshotStats {
  published: number;
  /** Duration of the last copy and of all copies, in ms. */
  lastMs: number;
  totalMs: number;
  /** When the last published snapshot was taken (ISO), or null. */
  lastAt: string | null;
  /** Why the last attempt failed, or null (a failed snapshot is retried at the next commit; the log is unaffected). */
  lastError: string | null;
}

const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * Publishes `liveSnapshotPath(log)` after commits, at most every `intervalMs` and within `maxDuty`: the copy
 * (DuckDB `COPY FROM DATABASE` into a fresh file, on its own connection, so commits go on meanwhile) is
 * written to a temporary name and renamed over the previous one, so a reader always opens a whole snapshot
 * and one that has the old file open keeps reading it. `close()` removes the published file.
 * @example
 * const snap = new LiveSnapshot(instance, "runs/a.duckdb", { intervalMs: 2000 });
 * snap.committed(); // after each commit
 * await snap.close();
 */
export class LiveSnapshot {
  /** The published file. */
  readonly path: string;
  private readonly instance: DuckDBInstance;
  private readonly intervalMs: number;
  private readonly maxDuty: number;
  private conn: DuckDBConnection | null = null;
  private dbName: string | null = null;
  private dirty = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastEnd = 0;
  private readonly counters: LiveSnapshotStats = { published: 0, lastMs: 0, totalMs: 0, lastAt: null, lastError: null };

  constructor(instance: DuckDBInstance, logPath: string, o: LiveSnapshotOptions = {}) {
    this.instance = instance;
    this.path = liveSnapshotPath(logPath);
    this.intervalMs = Math.max(0, o.intervalMs ?? 2000);
    this.maxDuty = Math.min(1, Math.max(0.01, o.maxDuty ?? 0.1));
  }

  /** Tells the publisher the log changed: a snapshot follows within the interval. */
  committed(): void {
    this.dirty = true;
    this.schedule();
  }

  /** Counters of what was published. */
  stats(): LiveSnapshotStats {
    return { ...this.counters };
  }

  /** Waits for a copy in progress, then removes the published snapshot (the log itself is readable once its writer closes). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.conn?.closeSync();
    this.conn = null;
    rmSync(this.path, { force: true });
    rmSync(`${this.path}.tmp`, { force: true });
  }

  private schedule(): void {
    if (this.closed || this.timer !== null || this.running !== null || !this.dirty) return;
    const gap = Math.max(this.intervalMs, this.counters.lastMs * (1 / this.maxDuty - 1));
    const wait = this.counters.published === 0 && this.counters.lastError === null ? 0 : Math.max(0, this.lastEnd + gap - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.publish().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, wait);
    this.timer.unref();
  }

  private async publish(): Promise<void> {
    this.dirty = false;
    const t0 = performance.now();
    const tmp = `${this.path}.tmp`;
    try {
      rmSync(tmp, { force: true });
      rmSync(`${tmp}.wal`, { force: true });
      this.conn ??= await this.instance.connect();
      this.dbName ??= String((await this.conn.runAndReadAll(`SELECT current_database() AS d`)).getRowObjectsJS()[0]?.d);
      const at = new Date().toISOString();
      await this.conn.run(`ATTACH ${quote(tmp)} AS simweb_live`);
      try {
        await this.conn.run(`COPY FROM DATABASE ${ident(this.dbName)} TO simweb_live`);
        await this.conn.run(`INSERT OR REPLACE INTO simweb_live.log_meta VALUES ('snapshot_at', $1), ('writer_pid', $2)`, [at, String(process.pid)]);
      } finally {
        await this.conn.run(`DETACH simweb_live`);
      }
      if (this.closed) return;
      renameSync(tmp, this.path);
      this.counters.published++;
      this.counters.lastAt = at;
      this.counters.lastError = null;
    } catch (err) {
      this.counters.lastError = (err as Error).message;
      this.dirty = true; // try again after the interval
      rmSync(tmp, { force: true });
    } finally {
      const ms = performance.now() - t0;
      this.counters.lastMs = ms;
      this.counters.totalMs += ms;
      this.lastEnd = Date.now();
    }
  }
}
