/**
 * @module Several trajectory logs read as one: each attached read-only to an in-memory DuckDB (or its writer's
 * live snapshot), and views `runs`, `episodes`, `steps`, `components` over their union, one row per run and per
 * episode id. The logs of many replicas of `serve --log` (or one log given twice, or a copy) merge this way.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { TrajectoryError } from "./errors.ts";
import { resolveLogFile, type LogSource } from "./log-source.ts";

/** The log tables every attached file must hold. */
export const LOG_TABLES: readonly string[] = ["runs", "episodes", "steps", "components"];

/** An in-memory database whose `runs`, `episodes`, `steps`, `components` are the merge of several logs. */
export interface MergedLogs {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  /** What was read of each log, in the order given. */
  sources: LogSource[];
  /** Columns of the merged `episodes` (the union of the logs' schemas). */
  episodeColumns: Set<string>;
  /** Episode rows left out because another log (or an earlier copy) had the same (run, episode id). */
  duplicates: number;
}

type Rows = Array<Record<string, unknown>>;

/**
 * Attaches every log and builds the merged views. An episode id (within its run) present in several logs is
 * kept once: its finished copy (`done`) over an unfinished one, else the first log's; its steps and components
 * come from the same copy. A run id in several logs (every served log names its run `served`) is one run, the
 * earliest started. Logs of older schemas merge with newer ones (missing columns read as null).
 * Throws `LOG_NOT_FOUND`, `LOG_BUSY` or `BAD_LOG` naming the log.
 * @example
 * const m = await openMergedLogs(["runs/served-a.duckdb", "runs/served-b.duckdb"], true);
 */
export async function openMergedLogs(paths: readonly string[], live: boolean): Promise<MergedLogs> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const q = async (sql: string): Promise<Rows> => (await conn.runAndReadAll(sql)).getRowObjectsJS();
  try {
    const sources: LogSource[] = [];
    const aliases: string[] = [];
    for (const [i, path] of paths.entries()) {
      const alias = `log${i}`;
      const { source } = await resolveLogFile(path, live, (file) => conn.run(`ATTACH ${sqlString(file)} AS ${alias} (READ_ONLY)`));
      const tables = new Set((await q(`SELECT table_name FROM information_schema.tables WHERE table_catalog = '${alias}'`)).map((r) => String(r.table_name)));
      const missing = LOG_TABLES.filter((t) => !tables.has(t));
      if (missing.length > 0) throw new TrajectoryError("BAD_LOG", `${path} is not a simweb trajectory log: missing table(s) ${missing.join(", ")}`);
      let src = source;
      if (source.kind === "snapshot" && tables.has("log_meta")) {
        const meta = new Map((await q(`SELECT key, value FROM ${alias}.log_meta`)).map((r) => [String(r.key), String(r.value)]));
        src = { ...source, takenAt: meta.get("snapshot_at") ?? null, writerPid: meta.has("writer_pid") ? Number(meta.get("writer_pid")) : null };
      }
      sources.push(src);
      aliases.push(alias);
    }
    const union = (table: string): string => aliases.map((a, i) => `SELECT *, ${i} AS src FROM ${a}.${table}`).join(" UNION ALL BY NAME ");
    const keys = aliases.map((a, i) => `SELECT run_id, episode_id, status, ${i} AS src FROM ${a}.episodes`).join(" UNION ALL ");
    await conn.run(
      `CREATE TABLE picked AS SELECT run_id, episode_id, src FROM (
         SELECT run_id, episode_id, src, row_number() OVER (PARTITION BY run_id, episode_id ORDER BY (status <> 'done'), src) AS rn FROM (${keys}))
       WHERE rn = 1`,
    );
    const same = (t: string): string => `${t}.run_id = p.run_id AND ${t}.episode_id = p.episode_id AND ${t}.src = p.src`;
    await conn.run(`CREATE VIEW episodes AS SELECT e.* EXCLUDE (src) FROM (${union("episodes")}) e SEMI JOIN picked p ON ${same("e")}`);
    await conn.run(`CREATE VIEW steps AS SELECT s.* EXCLUDE (src) FROM (${union("steps")}) s SEMI JOIN picked p ON ${same("s")}`);
    await conn.run(`CREATE VIEW components AS SELECT c.* EXCLUDE (src) FROM (${union("components")}) c SEMI JOIN picked p ON ${same("c")}`);
    await conn.run(
      `CREATE VIEW runs AS SELECT * EXCLUDE (src, rn) FROM (
         SELECT *, row_number() OVER (PARTITION BY run_id ORDER BY started_at, src) AS rn FROM (${union("runs")})) WHERE rn = 1`,
    );
    const all = Number((await q(`SELECT count(*) AS n FROM (${keys})`))[0]?.n ?? 0);
    const kept = Number((await q(`SELECT count(*) AS n FROM picked`))[0]?.n ?? 0);
    const cols = await q(`SELECT column_name FROM information_schema.columns WHERE table_catalog = 'memory' AND table_name = 'episodes'`);
    return { instance, conn, sources, episodeColumns: new Set(cols.map((r) => String(r.column_name))), duplicates: all - kept };
  } catch (err) {
    conn.closeSync();
    instance.closeSync();
    if (err instanceof TrajectoryError) throw err;
    throw new TrajectoryError("BAD_LOG", `cannot merge ${paths.join(", ")}: ${(err as Error).message}`, { cause: err });
  }
}

/** A file path as a SQL string literal. */
function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
