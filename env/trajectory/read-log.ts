/** @module readLog: every finished episode of a log (with steps and components) in one call, through {@link LogReader}. */
import { LogReader } from "./log-reader.ts";
import type { LogContents } from "./log-records.ts";

/**
 * Reads a log's finished episodes ordered by (run, group, sample index); episodes closed by an interrupt
 * or failed are left out. `runId` restricts to one run. While another process writes the log, reads the
 * live snapshot it publishes (the finished part of the run). Several logs (or globs) are merged by episode id.
 * @example
 * const { episodes, componentNames } = await readLog("runs/demo.duckdb");
 */
export async function readLog(path: string | readonly string[], o: { runId?: string | undefined } = {}): Promise<LogContents> {
  const reader = await LogReader.open(path);
  try {
    return await reader.finishedEpisodes(o);
  } finally {
    reader.close();
  }
}
