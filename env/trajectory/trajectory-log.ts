/** @module The crash-safe trajectory log: an EpisodeSink writing finished episodes to DuckDB in batched transactions. */
import { DuckDBInstance, DuckDBTimestampValue, LIST, VARCHAR, listValue, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { EpisodeReward, EpisodeSink, EpisodeState } from "../episode/index.ts";
import type { Trajectory, TrajectoryStep, EpisodeMeta, StepExtra } from "../../core/index.ts";
import { TrajectoryError } from "./errors.ts";
import { LOG_DDL, LOG_MIGRATIONS, LOG_SCHEMA_VERSION, STAGING_DDL } from "./log-schema.ts";
import { LiveSnapshot, type LiveSnapshotOptions } from "./live-snapshot.ts";

/**
 * Default batch: a commit costs ~0.1–0.2 s (DuckDB transaction + WAL sync), so committing every 16
 * episodes capped scripted rollouts at ~80 episodes/s; 128 episodes or 1 s (whichever first) keeps
 * the loss on `kill -9` to about a second of work.
 */
export const DEFAULT_BATCH_EPISODES = 128;

/** Options of `TrajectoryLog.open`. */
export interface TrajectoryLogOptions {
  runId: string;
  /** Everything that determines trajectories (compared on resume) plus informative settings. */
  config: Record<string, unknown>;
  /** Keys of `config` that must match when resuming. */
  identityKeys?: readonly string[];
  seed: number;
  policy: string;
  groupSize: number;
  versions?: Record<string, unknown>;
  /** Continue an existing run (drops its unfinished episodes); without it the run must be new. */
  resume?: boolean;
  /** On resume, keep episodes that ended unfinished (`closed`, `error`) instead of dropping them to be redone (served logs). */
  keepUnfinished?: boolean;
  /** Commit after this many finished episodes (default `DEFAULT_BATCH_EPISODES`). */
  batchEpisodes?: number;
  /** ... or after this many milliseconds since the first unflushed one (default 1000). */
  batchMs?: number;
  /**
   * Commit before reply (default false): `onEnd` returns a promise that resolves when the episode is
   * committed. Episodes that end while a commit runs share the next one (group commit), so a busy server
   * still writes big batches; `batchEpisodes`/`batchMs` are ignored. `serve --log` uses it.
   */
  durable?: boolean;
  /**
   * Publish a read-only copy of the log next to it (`runs/x.live.duckdb`) every `intervalMs` while the run
   * goes on, so `simweb view` and `simweb export` can read a log this process holds locked (default off).
   */
  live?: LiveSnapshotOptions | false;
}

/** Counters of what the log has committed. */
export interface LogStats {
  episodes: number;
  steps: number;
  batches: number;
}

interface Open {
  meta: EpisodeMeta;
  steps: Array<TrajectoryStep & StepExtra>;
  extra: StepExtra | null;
  started: number;
  failure: string | null;
}

interface Finished {
  open: Open;
  state: EpisodeState;
  trajectory: Trajectory;
  reward: EpisodeReward;
  wallSeconds: number;
  /** Epoch ms of the end. */
  finishedAt: number;
}

/**
 * The trajectory log of one run. Steps are buffered per episode in memory; when an episode ends, it
 * joins the pending batch, which is committed (episode rows, components, steps) in one transaction every
 * `batchEpisodes` episodes or `batchMs` ms. A `kill -9` loses at most the in-flight and unflushed
 * episodes; DuckDB's WAL keeps committed batches and the file consistent.
 * @example
 * const log = await TrajectoryLog.open("runs/a.duckdb", { runId: "a", config: {}, seed: 1, policy: "scripted", groupSize: 4 });
 * log.begin(meta);                  // before reset
 * const ep = new Episode({ ...deps, sink: log }, meta.episodeId);
 * ...
 * await log.close();
 */
export class TrajectoryLog implements EpisodeSink {
  readonly path: string;
  readonly runId: string;
  /** Episode ids this run finished before (status `done`), loaded at open. */
  readonly finished: ReadonlySet<string>;
  private readonly instance: DuckDBInstance;
  private readonly conn: DuckDBConnection;
  private readonly batchEpisodes: number;
  private readonly batchMs: number;
  private readonly live = new Map<string, Open>();
  private pending: Finished[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private writing = 0;
  private closed = false;
  private readonly durable: boolean;
  /** The group commit that will take the next finished episodes (durable mode), until it starts. */
  private nextCommit: Promise<void> | null = null;
  private readonly counters: LogStats = { episodes: 0, steps: 0, batches: 0 };
  /** The live snapshot publisher, when `live` is on. */
  readonly snapshot: LiveSnapshot | null;

  private constructor(path: string, runId: string, instance: DuckDBInstance, conn: DuckDBConnection, finished: Set<string>, o: TrajectoryLogOptions) {
    this.path = path;
    this.runId = runId;
    this.instance = instance;
    this.conn = conn;
    this.finished = finished;
    this.batchEpisodes = o.batchEpisodes ?? DEFAULT_BATCH_EPISODES;
    this.batchMs = o.batchMs ?? 1000;
    this.durable = o.durable === true;
    this.snapshot = o.live === undefined || o.live === false ? null : new LiveSnapshot(instance, path, o.live);
  }

  /** Opens (or creates) a log file and registers the run; with `resume`, loads the finished episodes. */
  static async open(path: string, o: TrajectoryLogOptions): Promise<TrajectoryLog> {
    if (!(Number.isInteger(o.batchEpisodes ?? 1) && (o.batchEpisodes ?? 1) >= 1)) {
      throw new TrajectoryError("BAD_CONFIG", "batchEpisodes must be a positive integer");
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (err) {
      throw new TrajectoryError("LOG_ERROR", `cannot open trajectory log ${path}: ${(err as Error).message}`, { cause: err });
    }
    const conn = await instance.connect();
    try {
      for (const ddl of LOG_DDL) await conn.run(ddl);
      const v = (await conn.runAndReadAll(`SELECT value FROM log_meta WHERE key = 'schema_version'`)).getRowObjectsJS()[0];
      if (v !== undefined && Number(v.value) > LOG_SCHEMA_VERSION) {
        throw new TrajectoryError("LOG_ERROR", `${path} has log schema ${String(v.value)}; this simweb reads up to ${LOG_SCHEMA_VERSION}`);
      }
      for (const m of LOG_MIGRATIONS) await conn.run(m);
      await conn.run(`INSERT OR REPLACE INTO log_meta VALUES ('schema_version', '${LOG_SCHEMA_VERSION}')`);
      for (const ddl of STAGING_DDL) await conn.run(ddl);
      const finished = await registerRun(conn, path, o);
      const log = new TrajectoryLog(path, o.runId, instance, conn, finished, o);
      log.snapshot?.committed(); // the first snapshot: the run is visible before its first episode ends
      return log;
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      if (err instanceof TrajectoryError) throw err;
      throw new TrajectoryError("LOG_ERROR", `cannot initialise trajectory log ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Registers an episode before its reset (its group, sample index, policy and opening messages). */
  begin(meta: EpisodeMeta): void {
    this.live.set(meta.episodeId, { meta, steps: [], extra: null, started: performance.now(), failure: null });
  }

  /** Sets how the next step of an episode was produced (tool-call id, assistant text). */
  setStepExtra(episodeId: string, extra: StepExtra): void {
    const o = this.live.get(episodeId);
    if (o) o.extra = extra;
  }

  /** Marks an episode as failed (policy or transport error): it is logged with status `error` and redone on resume. */
  fail(episodeId: string, message: string): void {
    const o = this.live.get(episodeId);
    if (o) o.failure = message;
  }

  /** EpisodeSink: buffers the step in memory. */
  onStep(state: EpisodeState, step: TrajectoryStep): void {
    const o = this.live.get(state.episodeId);
    if (!o) return;
    o.steps.push({ ...step, callId: o.extra?.callId ?? null, content: o.extra?.content ?? null });
    o.extra = null;
  }

  /**
   * EpisodeSink: queues the episode with its steps; commits when the batch is full or old enough. In
   * durable mode, returns the commit that holds the episode (rejects with `LOG_ERROR` if it fails).
   */
  onEnd(state: EpisodeState, trajectory: Trajectory, reward: EpisodeReward): void | Promise<void> {
    const o = this.live.get(state.episodeId);
    if (!o) return;
    this.live.delete(state.episodeId);
    this.pending.push({ open: o, state, trajectory, reward, wallSeconds: (performance.now() - o.started) / 1000, finishedAt: Date.now() });
    if (this.durable) return this.groupCommit();
    if (this.pending.length >= this.batchEpisodes) void this.flush().catch(() => undefined);
    else if (this.timer === null && !this.closed) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.batchMs);
      this.timer.unref();
    }
  }

  /** Forgets an episode that never ended (nothing of it is written). */
  discard(episodeId: string): void {
    this.live.delete(episodeId);
  }

  /** Commits every pending episode; rejects with the first write failure (`LOG_ERROR`). */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending;
    this.pending = [];
    this.writing += batch.length;
    this.chain = this.chain.then(async () => {
      if (this.failure) throw this.failure;
      if (batch.length === 0) return;
      try {
        await this.write(batch);
      } catch (err) {
        this.failure = new TrajectoryError("LOG_ERROR", `writing the trajectory log ${this.path} failed: ${(err as Error).message}`, { cause: err });
        throw this.failure;
      } finally {
        this.writing -= batch.length;
      }
    });
    return this.chain;
  }

  /**
   * The next commit, shared by every episode that ends before it starts: it waits for the commit in
   * progress, then takes everything pending at that moment.
   */
  private groupCommit(): Promise<void> {
    if (this.nextCommit !== null) return this.nextCommit;
    const next = this.chain
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.nextCommit = null;
        return this.flush();
      });
    this.nextCommit = next;
    return next;
  }

  /** Finished episodes not committed yet (queued or being written): what a kill -9 now would lose. */
  get backlog(): number {
    return this.pending.length + this.writing;
  }

  /** Throws the background write failure, if any. */
  checkHealth(): void {
    if (this.failure) throw this.failure;
  }

  /** What has been committed so far. */
  stats(): LogStats {
    return { ...this.counters };
  }

  /** Flushes, checkpoints and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      await this.snapshot?.close(); // waits for a snapshot in progress, removes the published one: the log itself is readable now
      try {
        await this.conn.run("CHECKPOINT");
      } catch {
        // the WAL still holds everything committed
      }
      this.conn.closeSync();
      this.instance.closeSync();
    }
  }

  private async write(batch: Finished[]): Promise<void> {
    const c = this.conn;
    const ep = await c.createAppender("stage_episodes", "main", "temp");
    const comp = await c.createAppender("stage_components", "main", "temp");
    const st = await c.createAppender("stage_steps", "main", "temp");
    let steps = 0;
    for (const f of batch) {
      appendEpisode(ep, this.runId, f);
      for (const [name, value] of Object.entries(f.reward.components)) {
        if (!Number.isFinite(value)) continue;
        comp.appendVarchar(this.runId);
        comp.appendVarchar(f.open.meta.episodeId);
        comp.appendVarchar(name);
        comp.appendDouble(value);
        comp.endRow();
      }
      for (const s of f.open.steps) {
        appendStep(st, this.runId, f.open.meta.episodeId, s);
        steps++;
      }
    }
    ep.closeSync();
    comp.closeSync();
    st.closeSync();
    try {
      await c.run("BEGIN TRANSACTION");
      await c.run("INSERT INTO episodes SELECT * FROM temp.stage_episodes");
      await c.run("INSERT INTO components SELECT * FROM temp.stage_components");
      await c.run("INSERT INTO steps SELECT * FROM temp.stage_steps");
      await c.run("COMMIT");
    } catch (err) {
      await c.run("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      for (const t of ["stage_episodes", "stage_components", "stage_steps"]) await c.run(`DELETE FROM temp.${t}`);
    }
    this.counters.episodes += batch.length;
    this.counters.steps += steps;
    this.counters.batches++;
    this.snapshot?.committed();
  }
}

async function registerRun(conn: DuckDBConnection, path: string, o: TrajectoryLogOptions): Promise<Set<string>> {
  const existing = (await conn.runAndReadAll(`SELECT config FROM runs WHERE run_id = $1`, [o.runId])).getRowObjectsJS()[0];
  const config = JSON.stringify(o.config);
  if (existing === undefined) {
    const versions = JSON.stringify({ ...(o.versions ?? {}), log_schema: LOG_SCHEMA_VERSION });
    await conn.run(`INSERT INTO runs VALUES ($1, $2, $3, $4, $5, $6, timezone('UTC', now()), NULL)`, [
      o.runId,
      config,
      o.seed,
      o.policy,
      o.groupSize,
      versions,
    ]);
    return new Set();
  }
  if (!o.resume) {
    throw new TrajectoryError("LOG_ERROR", `${path} already holds run ${JSON.stringify(o.runId)}: pass --resume to continue it, or choose another --out`);
  }
  const before = JSON.parse(String(existing.config)) as Record<string, unknown>;
  for (const k of o.identityKeys ?? Object.keys(o.config)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(o.config[k])) {
      throw new TrajectoryError(
        "RESUME_MISMATCH",
        `cannot resume run ${JSON.stringify(o.runId)}: ${k} was ${JSON.stringify(before[k])}, now ${JSON.stringify(o.config[k])}`,
      );
    }
  }
  // unfinished episodes (closed by an interrupt, failed) are dropped and redone
  if (o.keepUnfinished === true) {
    const all = await conn.runAndReadAll(`SELECT episode_id FROM episodes WHERE run_id = $1`, [o.runId]);
    return new Set(all.getRowObjectsJS().map((r) => String(r.episode_id)));
  }
  await conn.run("BEGIN TRANSACTION");
  const bad = `SELECT episode_id FROM episodes WHERE run_id = $1 AND status <> 'done'`;
  await conn.run(`DELETE FROM steps WHERE run_id = $1 AND episode_id IN (${bad})`, [o.runId]);
  await conn.run(`DELETE FROM components WHERE run_id = $1 AND episode_id IN (${bad})`, [o.runId]);
  await conn.run(`DELETE FROM episodes WHERE run_id = $1 AND status <> 'done'`, [o.runId]);
  await conn.run(`UPDATE runs SET resumed_at = timezone('UTC', now()) WHERE run_id = $1`, [o.runId]);
  await conn.run("COMMIT");
  const rows = await conn.runAndReadAll(`SELECT episode_id FROM episodes WHERE run_id = $1`, [o.runId]);
  return new Set(rows.getRowObjectsJS().map((r) => String(r.episode_id)));
}

const VARCHAR_LIST = LIST(VARCHAR);

function appendEpisode(a: DuckDBAppender, runId: string, f: Finished): void {
  const m = f.open.meta;
  const t = f.trajectory;
  const status = f.open.failure !== null ? "error" : f.state.endReason === "closed" ? "closed" : "done";
  a.appendVarchar(runId);
  a.appendVarchar(m.episodeId);
  a.appendVarchar(m.taskId);
  a.appendVarchar(m.groupId);
  a.appendInteger(m.sampleIdx);
  a.appendVarchar(m.policy);
  a.appendBigInt(BigInt(m.seed));
  optText(a, m.split);
  optText(a, m.question);
  a.appendVarchar(JSON.stringify(m.promptMessages));
  a.appendDouble(Number.isFinite(f.reward.reward) ? f.reward.reward : 0);
  optText(a, f.state.endReason);
  a.appendInteger(f.open.steps.length);
  if (t.tokens) a.appendBigInt(BigInt(t.tokens.prompt));
  else a.appendNull();
  if (t.tokens) a.appendBigInt(BigInt(t.tokens.completion));
  else a.appendNull();
  a.appendDouble(t.simSeconds);
  a.appendDouble(f.wallSeconds);
  optText(a, t.finalAnswer);
  a.appendList(listValue(t.citations), VARCHAR_LIST);
  a.appendVarchar(status);
  optText(a, f.open.failure);
  a.appendVarchar(JSON.stringify(f.reward.details));
  a.appendVarchar(JSON.stringify(f.reward.errors));
  a.appendTimestamp(new DuckDBTimestampValue(BigInt(f.finishedAt) * 1000n));
  optText(a, m.replica ?? null);
  optText(a, m.corpusDigest ?? null);
  a.endRow();
}

function appendStep(a: DuckDBAppender, runId: string, episodeId: string, s: TrajectoryStep & StepExtra): void {
  a.appendVarchar(runId);
  a.appendVarchar(episodeId);
  a.appendInteger(s.index);
  optText(a, s.action === null ? null : JSON.stringify(s.action));
  optText(a, s.callId);
  optText(a, s.content);
  optText(a, s.rawText);
  a.appendBoolean(s.valid);
  optText(a, s.error);
  a.appendVarchar(s.observation);
  a.appendList(listValue(s.urls), VARCHAR_LIST);
  a.appendDouble(s.simSeconds);
  optText(a, s.fault);
  a.endRow();
}

function optText(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}
