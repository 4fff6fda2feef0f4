/** @module Loads task rows (simweb, Search-R1, BrowseComp-Plus shapes; JSONL or Parquet) into the corpus. */
import { DuckDBInstance } from "@duckdb/node-api";
import { parseTaskRow } from "../../verifiers/index.ts";
import { LoaderError } from "../errors.ts";
import { openLines } from "../readers/jsonl.ts";
import { refuseIfServed } from "../store/corpus-holders.ts";
import { openCorpus } from "../store/open-corpus.ts";
import { writeTasks } from "../store/task-writer.ts";
import type { Task } from "../../core/index.ts";
import { basename } from "node:path";

/** What a task load did; `errors` lists the first 100 bad rows with their row number. */
export interface TaskLoadSummary {
  written: number;
  skipped: number;
  errors: Array<{ row: number; message: string }>;
}

/**
 * Reads a task file (JSONL, JSONL.gz or Parquet rows) into tasks without touching any corpus; bad rows
 * are counted in `skipped` and the first 100 listed in `errors`.
 * @example
 * const { tasks } = await readTaskFile("data/world/tasks.jsonl");
 */
export async function readTaskFile(file: string): Promise<{ tasks: Task[] } & TaskLoadSummary> {
  const tasks: Task[] = [];
  const summary: TaskLoadSummary = { written: 0, skipped: 0, errors: [] };
  const source = basename(file);
  let index = 0;
  for await (const row of readRows(file)) {
    index++;
    try {
      tasks.push(parseTaskRow(row, { source, index }));
    } catch (err) {
      summary.skipped++;
      if (summary.errors.length < 100) summary.errors.push({ row: index, message: (err as Error).message });
    }
  }
  return { tasks, ...summary };
}

/**
 * Reads a task file and upserts its tasks into the corpus file.
 * @example
 * await loadTasks("corpus.duckdb", "data/world/tasks.jsonl");
 */
export async function loadTasks(dbPath: string, file: string): Promise<TaskLoadSummary> {
  const { tasks, ...summary } = await readTaskFile(file);
  refuseIfServed(dbPath, "load tasks into");
  const db = await openCorpus(dbPath, { create: true });
  try {
    summary.written = await writeTasks(db.conn, tasks);
  } finally {
    db.close();
  }
  return summary;
}

async function* readRows(file: string): AsyncGenerator<Record<string, unknown>> {
  if (/\.parquet$/i.test(file)) {
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    try {
      const res = await conn.stream(`SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`);
      for await (const rows of res.yieldRowObjectJs()) for (const r of rows) yield r as Record<string, unknown>;
    } finally {
      conn.closeSync();
      inst.closeSync();
    }
    return;
  }
  let n = 0;
  for await (const line of await openLines(file)) {
    n++;
    if (line.trim() === "") continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      throw new LoaderError("BAD_INPUT", `${file}:${n}: invalid JSON in task file: ${(err as Error).message}`);
    }
    if (row && typeof row === "object" && !Array.isArray(row)) yield row as Record<string, unknown>;
    else throw new LoaderError("BAD_INPUT", `${file}:${n}: task row is not a JSON object`);
  }
}
