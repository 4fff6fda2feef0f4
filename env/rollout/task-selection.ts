/** @module Resolves the `--tasks` selection (all, a split, or a file of task ids) against the corpus's tasks. */
import { readFileSync, statSync } from "node:fs";
import type { Task } from "../../core/index.ts";
import { RolloutError } from "./errors.ts";

/**
 * Picks tasks: `"all"`; a split name (`"train"`); or a path to a file with one task id per line, or JSONL
 * rows with an `id` (or `task_id`) field. File order is kept; otherwise the corpus order. `limit` keeps
 * the first N. Unknown ids and empty selections are `UNKNOWN_TASK` errors naming them.
 * @example
 * resolveTasks("train", allTasks, 64);
 */
export function resolveTasks(spec: string, all: readonly Task[], limit?: number): Task[] {
  let picked: Task[];
  if (all.length === 0) {
    throw new RolloutError(
      "UNKNOWN_TASK",
      'no tasks: the corpus has none. Load some with simweb load --db <corpus> --tasks tasks.jsonl (rows {"id", "question", "answers", "gold_urls"}), or pass the file with --task-file tasks.jsonl',
    );
  }
  if (spec === "all") picked = [...all];
  else if (statSync(spec, { throwIfNoEntry: false })?.isFile() === true) {
    const byId = new Map(all.map((t) => [t.id, t]));
    const ids: string[] = [];
    readFileSync(spec, "utf8")
      .split(/\r?\n/)
      .forEach((line, i) => {
        const l = line.trim();
        if (l === "" || l.startsWith("#")) return;
        if (l.startsWith("{")) {
          let row: Record<string, unknown>;
          try {
            row = JSON.parse(l) as Record<string, unknown>;
          } catch {
            throw new RolloutError("BAD_CONFIG", `${spec}:${i + 1}: not valid JSON`);
          }
          const id = row.id ?? row.task_id;
          if (typeof id !== "string" && typeof id !== "number") throw new RolloutError("BAD_CONFIG", `${spec}:${i + 1}: no "id" field`);
          ids.push(String(id));
        } else ids.push(l);
      });
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new RolloutError(
        "UNKNOWN_TASK",
        `${missing.length} task id(s) of ${spec} are not in the corpus: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}`,
      );
    }
    picked = [...new Set(ids)].map((id) => byId.get(id) as Task);
  } else {
    picked = all.filter((t) => t.split === spec);
    if (picked.length === 0) {
      const splits = [...new Set(all.map((t) => t.split))].sort();
      throw new RolloutError("UNKNOWN_TASK", `--tasks ${JSON.stringify(spec)} is neither "all", a file, nor a split; splits: ${splits.join(", ")}`);
    }
  }
  if (limit !== undefined) picked = picked.slice(0, limit);
  if (picked.length === 0)
    throw new RolloutError(
      "UNKNOWN_TASK",
      `no tasks selected by --tasks ${JSON.stringify(spec)}${limit !== undefined ? ` --limit ${limit}` : ""} (${all.length} tasks available)`,
    );
  return picked;
}
