/** @module `GET /ui/api/episodes` and `GET /ui/api/tasks`: search and filter episodes, and tasks (GRPO groups). */
import { UiError } from "../errors.ts";
import type { RunDb } from "../run-store.ts";
import type { EpisodeFilters } from "./filters.ts";
import { EPISODE_SORTS } from "../../trajectory/index.ts";
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

/** Paging and order of a list request. */
export interface ListOptions {
  offset: number;
  limit: number;
  sort?: string;
}

/** Episodes passing the filters, a page at a time. */
export async function listEpisodes(db: RunDb, ctx: RunContext, f: EpisodeFilters, o: ListOptions): Promise<Page<EpisodeRow>> {
  if (o.sort !== undefined && EPISODE_SORTS[o.sort] === undefined) {
    throw new UiError("BAD_PARAM", `sort must be one of ${Object.keys(EPISODE_SORTS).join(", ")}, got ${JSON.stringify(o.sort)}`);
  }
  const { total, rows } = await db.log.listEpisodes(f, o);
  return {
    total,
    offset: o.offset,
    rows: rows.map(({ stepCount, ...r }) => ({ ...r, advantage: ctx.advantages.get(episodeKey(r.runId, r.episodeId)) ?? null, steps: stepCount })),
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
  const { total, rows } = await db.log.listGroups(f, o);
  return {
    total,
    offset: o.offset,
    rows: rows.map((r) => {
      const t = ctx.corpus.tasks.get(r.taskId);
      return { ...r, type: t?.type ?? null, hops: t?.hops ?? null };
    }),
  };
}
