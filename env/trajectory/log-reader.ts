/**
 * @module LogReader: the typed, read-only API over a trajectory log that the viewer and export use. It
 * owns every query on the log's tables; callers get records, never rows or SQL.
 */
import { type DuckDBConnection, type DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { TrajectoryError } from "./errors.ts";
import { EPISODE_SORTS, whereOf, type EpisodeFilter } from "./log-filter.ts";
import {
  actionOf,
  detailOf,
  episodeOf,
  outcomeOf,
  plain,
  runOf,
  stepOf,
  summaryOf,
  usageOf,
  type EpisodeDetail,
  type EpisodeOutcome,
  type EpisodeSummary,
  type EpisodeUsage,
  type GroupMember,
  type GroupSummary,
  type LogChoices,
  type LogContents,
  type LoggedEpisode,
  type LoggedRun,
  type Page,
  type Row,
} from "./log-records.ts";
import { expandLogPaths } from "./log-paths.ts";
import { openLogFile, type LogSource } from "./log-source.ts";
import { LOG_TABLES, openMergedLogs } from "./merged-log.ts";

/** Options of {@link LogReader.open}. */
export interface LogReaderOptions {
  /** While a writer process holds the log, read its live snapshot instead (default true). */
  live?: boolean;
}

/** Paging and order of a list. */
export interface ListOptions {
  offset: number;
  limit: number;
  /** One of `EPISODE_SORTS` (default `id`). */
  sort?: string;
}

const KEY = (r: Row): string => `${String(r.run_id)}\u0000${String(r.episode_id)}`;

/**
 * A trajectory log opened read-only (or, while another process writes it, that writer's live snapshot:
 * see `source`), or several logs read as one (the replicas of `serve --log`: see `openMergedLogs`). Close it
 * when done: an open reader keeps a writer from opening the log.
 * @example
 * const log = await LogReader.open("runs/exp1.duckdb");
 * const all = await LogReader.open("runs/served-*.duckdb"); // every replica's log, merged by episode id
 * try {
 *   const { total, rows } = await log.listEpisodes({ minReward: 1 }, { offset: 0, limit: 20, sort: "-reward" });
 * } finally { log.close(); }
 */
export class LogReader {
  /** The log asked for (the first one, when several are merged). */
  readonly path: string;
  /** Every log read (one, unless several are merged), globs expanded. */
  readonly paths: readonly string[];
  /** What is being read: the log, or the live snapshot of its writer (with when it was taken); merged: the first live snapshot, else the first log. */
  readonly source: LogSource;
  /** What is read of each of `paths`. */
  readonly sources: readonly LogSource[];
  /** Episode rows left out of a merge because another log held the same (run, episode id); 0 for one log. */
  readonly duplicates: number;
  private readonly instance: DuckDBInstance;
  private readonly conn: DuckDBConnection;
  private readonly episodeColumns: ReadonlySet<string>;

  private constructor(
    paths: readonly string[],
    sources: readonly LogSource[],
    instance: DuckDBInstance,
    conn: DuckDBConnection,
    episodeColumns: ReadonlySet<string>,
    duplicates = 0,
  ) {
    this.path = paths[0] as string;
    this.paths = paths;
    this.sources = sources;
    this.source = sources.find((x) => x.kind === "snapshot") ?? (sources[0] as LogSource);
    this.duplicates = duplicates;
    this.instance = instance;
    this.conn = conn;
    this.episodeColumns = episodeColumns;
  }

  /**
   * Opens a log read-only; several logs (a list, or `*` / `?` globs in file names) are read as one, merged by
   * episode id without duplicates. Rejects with `LOG_NOT_FOUND` (also a glob matching nothing), `LOG_BUSY` or
   * `BAD_LOG` (not a simweb log).
   */
  static async open(logs: string | readonly string[], o: LogReaderOptions = {}): Promise<LogReader> {
    const paths = expandLogPaths(typeof logs === "string" ? [logs] : logs);
    if (paths.length === 0) throw new TrajectoryError("LOG_NOT_FOUND", "no trajectory log given");
    if (paths.length > 1) {
      const m = await openMergedLogs(paths, o.live ?? true);
      return new LogReader(paths, m.sources, m.instance, m.conn, m.episodeColumns, m.duplicates);
    }
    const path = paths[0] as string;
    const { instance, source } = await openLogFile(path, o.live ?? true);
    const conn = await instance.connect();
    try {
      const q = async (sql: string): Promise<Row[]> => (await conn.runAndReadAll(sql)).getRowObjectsJS();
      const tables = new Set((await q(`SELECT table_name FROM information_schema.tables`)).map((r) => String(r.table_name)));
      const missing = LOG_TABLES.filter((t) => !tables.has(t));
      if (missing.length > 0) throw new TrajectoryError("BAD_LOG", `${path} is not a simweb trajectory log: missing table(s) ${missing.join(", ")}`);
      const cols = new Set((await q(`SELECT column_name FROM information_schema.columns WHERE table_name = 'episodes'`)).map((r) => String(r.column_name)));
      let src = source;
      if (source.kind === "snapshot" && tables.has("log_meta")) {
        const meta = new Map((await q(`SELECT key, value FROM log_meta`)).map((r) => [String(r.key), String(r.value)]));
        src = { ...source, takenAt: meta.get("snapshot_at") ?? null, writerPid: meta.has("writer_pid") ? Number(meta.get("writer_pid")) : null };
      }
      return new LogReader([path], [src], instance, conn, cols);
    } catch (err) {
      conn.closeSync();
      instance.closeSync();
      if (err instanceof TrajectoryError) throw err;
      throw new TrajectoryError("BAD_LOG", `cannot read ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Releases the file. */
  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Whether episodes carry their end time (`finished_at`, log schema 2). */
  get hasEndTimes(): boolean {
    return this.episodeColumns.has("finished_at");
  }

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Row[]> {
    return (await this.conn.runAndReadAll(sql, params)).getRowObjectsJS();
  }

  /** The runs, oldest first. */
  async runs(): Promise<LoggedRun[]> {
    return (await this.rows(`SELECT * FROM runs ORDER BY started_at, run_id`)).map(runOf);
  }

  /** The distinct component names, policies, end reasons, statuses and task ids, sorted. */
  async choices(): Promise<LogChoices> {
    const distinct = async (sql: string): Promise<string[]> => (await this.rows(sql)).map((r) => String(r.v));
    return {
      componentNames: await distinct(`SELECT DISTINCT name AS v FROM components ORDER BY 1`),
      policies: await distinct(`SELECT DISTINCT policy AS v FROM episodes ORDER BY 1`),
      endReasons: await distinct(`SELECT DISTINCT coalesce(end_reason, 'none') AS v FROM episodes ORDER BY 1`),
      statuses: await distinct(`SELECT DISTINCT status AS v FROM episodes ORDER BY 1`),
      taskIds: await distinct(`SELECT DISTINCT task_id AS v FROM episodes ORDER BY 1`),
    };
  }

  /** Episodes passing `f`, counted by status. */
  async statusCounts(f: EpisodeFilter = {}): Promise<Record<string, number>> {
    const params: DuckDBValue[] = [];
    const rows = await this.rows(`SELECT status, count(*) AS n FROM episodes e WHERE ${whereOf(f, params)} GROUP BY 1 ORDER BY 1`, params);
    return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
  }

  /** Episodes passing `f`, a page at a time, in one of `EPISODE_SORTS`; `BAD_CONFIG` for an unknown sort. */
  async listEpisodes(f: EpisodeFilter, o: ListOptions): Promise<Page<EpisodeSummary>> {
    const order = EPISODE_SORTS[o.sort ?? "id"];
    if (order === undefined)
      throw new TrajectoryError("BAD_CONFIG", `sort must be one of ${Object.keys(EPISODE_SORTS).join(", ")}, got ${JSON.stringify(o.sort)}`);
    const params: DuckDBValue[] = [];
    const where = whereOf(f, params);
    const total = Number((await this.rows(`SELECT count(*) AS n FROM episodes e WHERE ${where}`, params))[0]?.n ?? 0);
    const rows = await this.rows(
      `SELECT e.run_id, e.episode_id, e.task_id, e.group_id, e.sample_idx, e.policy, e.question, e.reward, e.status, e.end_reason,
         e.steps, e.sim_seconds, e.final_answer
       FROM episodes e WHERE ${where} ORDER BY ${order} LIMIT ${pageInt(o.limit)} OFFSET ${pageInt(o.offset)}`,
      params,
    );
    return { total, rows: rows.map(summaryOf) };
  }

  /** Groups (run, group id) with at least one episode passing `f`, a page at a time. */
  async listGroups(f: EpisodeFilter, o: ListOptions): Promise<Page<GroupSummary>> {
    const params: DuckDBValue[] = [];
    const from = `FROM episodes e WHERE ${whereOf(f, params)} GROUP BY e.run_id, e.group_id`;
    const total = Number((await this.rows(`SELECT count(*) AS n FROM (SELECT 1 ${from})`, params))[0]?.n ?? 0);
    const rows = await this.rows(
      `SELECT e.run_id, e.group_id, any_value(e.task_id) AS task_id, any_value(e.question) AS question, count(*) AS n,
         avg(e.reward) AS mean, min(e.reward) AS lo, max(e.reward) AS hi
       ${from} ORDER BY e.run_id, e.group_id LIMIT ${pageInt(o.limit)} OFFSET ${pageInt(o.offset)}`,
      params,
    );
    return {
      total,
      rows: rows.map((r) => ({
        runId: String(r.run_id),
        groupId: String(r.group_id),
        taskId: String(r.task_id),
        question: r.question === null ? null : String(r.question),
        rollouts: Number(r.n),
        meanReward: Number(r.mean),
        minReward: Number(r.lo),
        maxReward: Number(r.hi),
      })),
    };
  }

  /** One episode in full (any status) with its steps and components, or null. */
  async episode(runId: string, episodeId: string): Promise<EpisodeDetail | null> {
    const r = (await this.rows(`SELECT * FROM episodes WHERE run_id = $1 AND episode_id = $2`, [runId, episodeId]))[0];
    if (r === undefined) return null;
    const e = detailOf(r);
    e.steps = (await this.rows(`SELECT * FROM steps WHERE run_id = $1 AND episode_id = $2 ORDER BY idx`, [runId, episodeId])).map(stepOf);
    for (const c of await this.rows(`SELECT name, value FROM components WHERE run_id = $1 AND episode_id = $2 ORDER BY name`, [runId, episodeId])) {
      e.components[String(c.name)] = Number(c.value);
    }
    return e;
  }

  /** Every rollout of a group (any status) by sample index, with components and actions; empty when no such group. */
  async group(runId: string, groupId: string): Promise<GroupMember[]> {
    const eps = await this.rows(
      `SELECT * EXCLUDE (prompt_messages, reward_details, reward_errors) FROM episodes WHERE run_id = $1 AND group_id = $2 ORDER BY sample_idx, episode_id`,
      [runId, groupId],
    );
    const members = new Map(eps.map((r) => [String(r.episode_id), { ...summaryOf(r), components: {}, actions: [] } as GroupMember]));
    const steps = await this.rows(
      `SELECT s.episode_id, s.idx, s.action, s.raw_text, s.valid, s.error FROM steps s
       JOIN episodes e ON s.run_id = e.run_id AND s.episode_id = e.episode_id
       WHERE e.run_id = $1 AND e.group_id = $2 ORDER BY s.episode_id, s.idx`,
      [runId, groupId],
    );
    for (const s of steps) members.get(String(s.episode_id))?.actions.push(actionOf(s));
    const comps = await this.rows(
      `SELECT c.episode_id, c.name, c.value FROM components c JOIN episodes e ON c.run_id = e.run_id AND c.episode_id = e.episode_id
       WHERE e.run_id = $1 AND e.group_id = $2`,
      [runId, groupId],
    );
    for (const c of comps) {
      const m = members.get(String(c.episode_id));
      if (m) m.components[String(c.name)] = Number(c.value);
    }
    return [...members.values()];
  }

  /**
   * What statistics need of each episode passing `f` (of status `status`, default `done`), ordered by
   * (run, group, sample): reward, steps, times, the value of component `correctness`, its end time.
   */
  async outcomes(f: EpisodeFilter, o: { correctness?: string | null; status?: string | null } = {}): Promise<EpisodeOutcome[]> {
    const params: DuckDBValue[] = [];
    let where = whereOf(f, params);
    const status = o.status === undefined ? "done" : o.status;
    if (status !== null) {
      params.push(status);
      where += ` AND e.status = $${params.length}`;
    }
    params.push(o.correctness ?? "");
    const finished = this.hasEndTimes
      ? `epoch(e.finished_at::TIMESTAMP) - epoch((SELECT started_at FROM runs r WHERE r.run_id = e.run_id)::TIMESTAMP)`
      : `NULL::DOUBLE`;
    const rows = await this.rows(
      `SELECT e.run_id, e.episode_id, e.task_id, e.group_id, e.sample_idx, e.status, e.reward, e.steps, e.sim_seconds, e.wall_seconds,
         e.end_reason, c.value AS correct, ${finished} AS finished
       FROM episodes e LEFT JOIN components c ON c.run_id = e.run_id AND c.episode_id = e.episode_id AND c.name = $${params.length}
       WHERE ${where} ORDER BY e.run_id, e.group_id, e.sample_idx, e.episode_id`,
      params,
    );
    return rows.map(outcomeOf);
  }

  /**
   * What a comparison of runs needs of each finished (`done`) episode passing `f`, ordered by (run, group,
   * sample): its outcome (with the value of component `correctness`), tokens, and tool calls by tool name.
   */
  async usage(f: EpisodeFilter, o: { correctness?: string | null } = {}): Promise<EpisodeUsage[]> {
    const params: DuckDBValue[] = [];
    const where = whereOf({ ...f, status: "done" }, params);
    params.push(o.correctness ?? "");
    const rows = await this.rows(
      `WITH calls AS (
         SELECT s.run_id, s.episode_id, list({'name': s.name, 'n': s.n}) AS calls
         FROM (SELECT run_id, episode_id, coalesce(json_extract_string(action, '$.name'), '?') AS name, count(*) AS n
               FROM steps WHERE action IS NOT NULL GROUP BY ALL) s
         GROUP BY s.run_id, s.episode_id)
       SELECT e.run_id, e.episode_id, e.task_id, e.group_id, e.sample_idx, e.status, e.reward, e.steps, e.sim_seconds, e.wall_seconds,
         e.end_reason, e.tokens_prompt, e.tokens_completion, c.value AS correct, NULL::DOUBLE AS finished, k.calls
       FROM episodes e
       LEFT JOIN components c ON c.run_id = e.run_id AND c.episode_id = e.episode_id AND c.name = $${params.length}
       LEFT JOIN calls k ON k.run_id = e.run_id AND k.episode_id = e.episode_id
       WHERE ${where} ORDER BY e.run_id, e.group_id, e.sample_idx, e.episode_id`,
      params,
    );
    return rows.map(usageOf);
  }

  /** Why the unfinished episodes passing `f` ended (their error, else their status), most frequent first (at most `limit`). */
  async failureReasons(f: EpisodeFilter = {}, limit = 20): Promise<Array<{ reason: string; n: number }>> {
    const params: DuckDBValue[] = [];
    const rows = await this.rows(
      `SELECT coalesce(e.error, e.status) AS reason, count(*) AS n FROM episodes e WHERE ${whereOf(f, params)} AND e.status <> 'done'
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${pageInt(limit)}`,
      params,
    );
    return rows.map((r) => ({ reason: String(r.reason), n: Number(r.n) }));
  }

  /** Each component's values over the finished episodes passing `f`, by name. */
  async componentValues(f: EpisodeFilter = {}): Promise<Array<{ name: string; values: number[] }>> {
    const params: DuckDBValue[] = [];
    const rows = await this.rows(
      `SELECT c.name, list(c.value) AS vals FROM components c JOIN episodes e ON c.run_id = e.run_id AND c.episode_id = e.episode_id
       WHERE ${whereOf(f, params)} AND e.status = 'done' GROUP BY c.name ORDER BY c.name`,
      params,
    );
    return rows.map((r) => ({ name: String(r.name), values: (plain(r.vals) as unknown[]).map(Number) }));
  }

  /**
   * The finished (`done`) episodes with steps and components, ordered by (run, group, sample index);
   * `runId` restricts to one run. What export reads.
   */
  async finishedEpisodes(o: { runId?: string | undefined } = {}): Promise<LogContents> {
    const f: EpisodeFilter = o.runId !== undefined ? { run: o.runId, status: "done" } : { status: "done" };
    const params: DuckDBValue[] = [];
    const where = whereOf(f, params);
    const eps = (await this.rows(`SELECT * FROM episodes e WHERE ${where} ORDER BY run_id, group_id, sample_idx, episode_id`, params)).map((r) => ({
      r,
      e: episodeOf(r),
    }));
    const byKey = new Map<string, LoggedEpisode>(eps.map(({ r, e }) => [KEY(r), e]));
    const names = new Set<string>();
    const comps = await this.rows(
      `SELECT e.run_id, e.episode_id, c.name, c.value FROM components c JOIN episodes e USING (run_id, episode_id) WHERE ${where}`,
      params,
    );
    for (const c of comps) {
      const e = byKey.get(KEY(c));
      if (!e) continue;
      e.components[String(c.name)] = Number(c.value);
      names.add(String(c.name));
    }
    const steps = await this.rows(
      `SELECT s.* FROM steps s JOIN episodes e USING (run_id, episode_id) WHERE ${where} ORDER BY s.run_id, s.episode_id, s.idx`,
      params,
    );
    for (const s of steps) byKey.get(KEY(s))?.steps.push(stepOf(s));
    const episodes = eps.map(({ e }) => e);
    return { runIds: [...new Set(episodes.map((e) => e.runId))], episodes, componentNames: [...names].sort() };
  }
}

function pageInt(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new TrajectoryError("BAD_CONFIG", `offset and limit must be non-negative integers, got ${n}`);
  return n;
}
