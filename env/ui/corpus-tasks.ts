/** @module Task metadata (type, hops, gold answers and URLs) read from the corpus file a run was made on. */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { DuckDBInstance, listValue, VARCHAR, LIST } from "@duckdb/node-api";
import { plain } from "../trajectory/index.ts";

/** What the viewer shows about a task. */
export interface TaskMeta {
  id: string;
  type: string;
  hops: number;
  answers: string[];
  goldUrls: string[];
  split: string;
  source: string;
}

/** Tasks by id, or why they could not be read. */
export interface CorpusTasks {
  /** The corpus file used, or null. */
  path: string | null;
  tasks: Map<string, TaskMeta>;
  /** Why no tasks were read (no corpus named, file missing, unreadable), or null. */
  error: string | null;
}

/**
 * The corpus file of a run: `explicit` when given, else `config.corpus` or `config.db` from the run's
 * config, tried as given (relative to the working directory) and relative to the log's folder and its parent.
 */
export function resolveCorpusPath(explicit: string | null | undefined, config: Record<string, unknown> | null, runPath: string): string | null {
  if (explicit !== undefined && explicit !== null) return explicit;
  const named = config?.corpus ?? config?.db;
  if (typeof named !== "string" || named === "") return null;
  if (isAbsolute(named)) return named;
  const dir = dirname(runPath);
  const tries = [resolve(named), resolve(dir, named), resolve(dir, "..", named)];
  return tries.find((p) => existsSync(p)) ?? named;
}

/**
 * Reads the tasks with the given ids from a corpus file (opened read-only and closed again). A missing or
 * unreadable corpus is not an error: the result says why and the viewer shows tasks without type or gold.
 * @example
 * const { tasks, error } = await readCorpusTasks(".tmp/ui-demo/corpus.duckdb", ["w1-000000"]);
 */
export async function readCorpusTasks(path: string | null, ids: readonly string[]): Promise<CorpusTasks> {
  const tasks = new Map<string, TaskMeta>();
  if (path === null) return { path, tasks, error: "the run names no corpus file (pass --corpus)" };
  if (!existsSync(path)) return { path, tasks, error: `corpus file not found: ${path}` };
  let instance: DuckDBInstance | null = null;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
    const conn = await instance.connect();
    try {
      const r = await conn.runAndReadAll(
        `SELECT id, type, hops, answers, gold_urls, split, source FROM tasks WHERE id IN (SELECT unnest($1))`,
        [listValue([...ids])],
        [LIST(VARCHAR)],
      );
      for (const row of r.getRowObjectsJS()) {
        const id = String(row.id);
        tasks.set(id, {
          id,
          type: String(row.type),
          hops: Number(row.hops),
          split: String(row.split),
          source: String(row.source),
          answers: (plain(row.answers) as unknown[]).map(String),
          goldUrls: (plain(row.gold_urls) as unknown[]).map(String),
        });
      }
    } finally {
      conn.closeSync();
    }
    return { path, tasks, error: null };
  } catch (err) {
    return { path, tasks, error: `cannot read tasks from ${path}: ${(err as Error).message}` };
  } finally {
    instance?.closeSync();
  }
}
