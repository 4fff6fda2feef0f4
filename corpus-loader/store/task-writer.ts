/** @module Writes tasks into the corpus `tasks` table (upsert by id). */
import { LIST, VARCHAR, listValue, type DuckDBConnection } from "@duckdb/node-api";

const VARCHAR_LIST = LIST(VARCHAR);
import type { Task } from "../../core/index.ts";

/**
 * Inserts tasks, replacing any stored task with the same id. Returns the number written.
 * @example
 * await writeTasks(conn, [{ id: "t1", question: "...", answers: ["1987"], goldUrls: [], hops: 1,
 *   split: "train", source: "manual", type: "single_fact", rubric: null }]);
 */
export async function writeTasks(conn: DuckDBConnection, tasks: readonly Task[]): Promise<number> {
  if (tasks.length === 0) return 0;
  await conn.run(`CREATE OR REPLACE TABLE _task_ids (id VARCHAR)`);
  const ids = await conn.createAppender("_task_ids");
  for (const t of tasks) {
    ids.appendVarchar(t.id);
    ids.endRow();
  }
  ids.closeSync();
  await conn.run(`DELETE FROM tasks WHERE id IN (SELECT id FROM _task_ids)`);
  const seen = new Set<string>();
  const a = await conn.createAppender("tasks");
  let n = 0;
  // last row wins for an id repeated within one call
  for (let i = tasks.length - 1; i >= 0; i--) {
    const t = tasks[i] as Task;
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    a.appendVarchar(t.id);
    a.appendVarchar(t.question);
    a.appendList(listValue(t.answers), VARCHAR_LIST);
    a.appendList(listValue(t.goldUrls), VARCHAR_LIST);
    a.appendInteger(t.hops);
    a.appendVarchar(t.split);
    a.appendVarchar(t.source);
    a.appendVarchar(t.type);
    if (t.rubric === null) a.appendNull();
    else a.appendVarchar(t.rubric);
    a.endRow();
    n++;
  }
  a.closeSync();
  await conn.run(`DROP TABLE _task_ids`);
  return n;
}

/** Reads every task (ordered by id). */
export async function readTasks(conn: DuckDBConnection): Promise<Task[]> {
  const r = await conn.runAndReadAll(`SELECT id, question, answers, gold_urls, hops, split, source, type, rubric FROM tasks ORDER BY id`);
  return r.getRowObjectsJS().map((row) => ({
    id: String(row.id),
    question: String(row.question),
    answers: (row.answers as unknown[]).map(String),
    goldUrls: (row.gold_urls as unknown[]).map(String),
    hops: Number(row.hops),
    split: String(row.split),
    source: String(row.source),
    type: String(row.type),
    rubric: row.rubric === null ? null : String(row.rubric),
  }));
}
