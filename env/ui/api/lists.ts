/** @module `GET /ui/api/episodes` and `GET /ui/api/tasks`: search and filter episodes, and tasks (GRPO groups). */
import type { DuckDBValue } from "@duckdb/node-api";
import { UiError } from "../errors.ts";
import type { RunDb } from "../run-store.ts";
import { whereOf, type EpisodeFilters } from "./filters.ts";
import { episodeKey, type RunContext } from "./run-context.ts";

/** One row of the episode list. */
export interface EpisodeRow {
  runId: string;
  episodeId: string;
  taskId: string;
  groupId: string;
  sampleIdx: number;
  policy: string;
  question: string | null;
  reward: number;
  advantage: number | null;
  status: string;
  endReason: string | null;
  steps: number;
  simSeconds: number;
  finalAnswer: string | null;
}

/** One page of results. */
export interface Page<T> {
  total: number;
  offset: number;
  rows: T[];
}

/** Sort orders of the episode list. */
export const EPISODE_SORTS: Record<string, string> = {
  id: "e.run_id, e.group_id, e.sample_idx",
  reward: "e.reward, e.run_id, e.group_id, e.sample_idx",
  "-reward": "e.reward DESC, e.run_id, e.group_id, e.sample_idx",
  steps: "e.steps, e.run_id, e.group_id, e.sample_idx",
  "-steps": "e.steps DESC, e.run_id, e.group_id, e.sample_idx",
};

/** Paging and order of a list request. */
export interface ListOptions {
  offset: number;
  limit: number;
  sort?: string;
}

/** Episodes passing the filters, a page at a time. */
export async function listEpisodes(db: RunDb, ctx: RunContext, f: EpisodeFilters, o: ListOptions): Promise<Page<EpisodeRow>> {
  const order = EPISODE_SORTS[o.sort ?? "id"];
  if (order === undefined) throw new UiError("BAD_PARAM", `sort must be one of ${Object.keys(EPISODE_SORTS).join(", ")}, got ${JSON.stringify(o.sort)}`);
  const params: DuckDBValue[] = [];
  const where = whereOf(f, params);
  const total = Number((await db.rows(`SELECT count(*) AS n FROM episodes e WHERE ${where}`, params))[0]?.n ?? 0);
  const rows = await db.rows(
    `SELECT e.run_id, e.episode_id, e.task_id, e.group_id, e.sample_idx, e.policy, e.question, e.reward, e.status, e.end_reason,
       e.steps, e.sim_seconds, e.final_answer
     FROM episodes e WHERE ${where} ORDER BY ${order} LIMIT ${o.limit} OFFSET ${o.offset}`,
    params,
  );
  return {
    total,
    offset: o.offset,
    rows: rows.map((r) => ({
      runId: String(r.run_id),
      episodeId: String(r.episode_id),
      taskId: String(r.task_id),
      groupId: String(r.group_id),
      sampleIdx: Number(r.sample_idx),
      policy: String(r.policy),
      question: r.question === null ? null : String(r.question),
      reward: Number(r.reward),
      advantage: ctx.advantages.get(episodeKey(String(r.run_id), String(r.episode_id))) ?? null,
      status: String(r.status),
      endReason: r.end_reason === null ? null : String(r.end_reason),
      steps: Number(r.steps),
      simSeconds: Number(r.sim_seconds),
      finalAnswer: r.final_answer === null ? null : String(r.final_answer),
    })),
  };
}

/** One row of the task list: a GRPO group and the rollouts of it that pass the filters. */
export interface TaskRow {
  runId: string;
  groupId: string;
  taskId: string;
  question: string | null;
  type: string | null;
  hops: number | null;
  rollouts: number;
  meanReward: number;
  minReward: number;
  maxReward: number;
}

/** Tasks (groups) with at least one episode passing the filters, a page at a time. */
export async function listTasks(db: RunDb, ctx: RunContext, f: EpisodeFilters, o: ListOptions): Promise<Page<TaskRow>> {
  const params: DuckDBValue[] = [];
  const where = whereOf(f, params);
  const from = `FROM episodes e WHERE ${where} GROUP BY e.run_id, e.group_id`;
  const total = Number((await db.rows(`SELECT count(*) AS n FROM (SELECT 1 ${from})`, params))[0]?.n ?? 0);
  const rows = await db.rows(
    `SELECT e.run_id, e.group_id, any_value(e.task_id) AS task_id, any_value(e.question) AS question, count(*) AS n,
       avg(e.reward) AS mean, min(e.reward) AS lo, max(e.reward) AS hi
     ${from} ORDER BY e.run_id, e.group_id LIMIT ${o.limit} OFFSET ${o.offset}`,
    params,
  );
  return {
    total,
    offset: o.offset,
    rows: rows.map((r) => {
      const t = ctx.corpus.tasks.get(String(r.task_id));
      return {
        runId: String(r.run_id),
        groupId: String(r.group_id),
        taskId: String(r.task_id),
        question: r.question === null ? null : String(r.question),
        type: t?.type ?? null,
        hops: t?.hops ?? null,
        rollouts: Number(r.n),
        meanReward: Number(r.mean),
        minReward: Number(r.lo),
        maxReward: Number(r.hi),
      };
    }),
  };
}
