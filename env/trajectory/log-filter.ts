/** @module Episode filters of the log reader, the parameterised SQL `WHERE` they become, and the list sort orders. */
import type { DuckDBValue } from "@duckdb/node-api";

/** Which episodes a query covers (every field optional; all given fields must match). */
export interface EpisodeFilter {
  run?: string;
  /** Case-insensitive substring of the question, task id, episode id or final answer. */
  q?: string;
  minReward?: number;
  maxReward?: number;
  policy?: string;
  /** An end reason; `none` matches episodes without one. */
  endReason?: string;
  /** done | closed | error. */
  status?: string;
  /** A group (task) id. */
  group?: string;
}

/** Sort orders of {@link LogReader.listEpisodes}. */
export const EPISODE_SORTS: Readonly<Record<string, string>> = {
  id: "e.run_id, e.group_id, e.sample_idx",
  reward: "e.reward, e.run_id, e.group_id, e.sample_idx",
  "-reward": "e.reward DESC, e.run_id, e.group_id, e.sample_idx",
  steps: "e.steps, e.run_id, e.group_id, e.sample_idx",
  "-steps": "e.steps DESC, e.run_id, e.group_id, e.sample_idx",
};

/**
 * The SQL condition (over `episodes e`) of a filter, with its values appended to `params` (placeholders
 * continue from `params.length`). Never interpolates a value into the SQL text.
 * @example
 * const params: DuckDBValue[] = [];
 * whereOf({ q: "vexa", minReward: 0.5 }, params); // "(contains(lower(coalesce(e.question, '')), $1) OR ...) AND e.reward >= $2"
 */
export function whereOf(f: EpisodeFilter, params: DuckDBValue[]): string {
  const conds: string[] = [];
  const bind = (v: DuckDBValue): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.run !== undefined) conds.push(`e.run_id = ${bind(f.run)}`);
  if (f.group !== undefined) conds.push(`e.group_id = ${bind(f.group)}`);
  if (f.policy !== undefined) conds.push(`e.policy = ${bind(f.policy)}`);
  if (f.status !== undefined) conds.push(`e.status = ${bind(f.status)}`);
  if (f.endReason !== undefined) conds.push(f.endReason === "none" ? `e.end_reason IS NULL` : `e.end_reason = ${bind(f.endReason)}`);
  if (f.minReward !== undefined) conds.push(`e.reward >= ${bind(f.minReward)}`);
  if (f.maxReward !== undefined) conds.push(`e.reward <= ${bind(f.maxReward)}`);
  if (f.q !== undefined) {
    const q = bind(f.q.trim().toLowerCase());
    conds.push(`(${["e.question", "e.task_id", "e.episode_id", "e.final_answer"].map((c) => `contains(lower(coalesce(${c}, '')), ${q})`).join(" OR ")})`);
  }
  return conds.length > 0 ? conds.join(" AND ") : "true";
}
