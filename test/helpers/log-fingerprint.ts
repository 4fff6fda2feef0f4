/** @module Test helper: a byte-level fingerprint of a trajectory log's contents (wall-clock columns left out). */
import { createHash } from "node:crypto";
import { DuckDBInstance } from "@duckdb/node-api";

/** What a log holds, as canonical text per table, and one sha256 over all of it. */
export interface LogFingerprint {
  episodes: number;
  steps: number;
  /** sha256 of the episodes, components and steps rows ordered by episode id (run id, wall time and end time excluded). */
  sha256: string;
  /** The canonical rows, one JSON line per row, for a readable diff when two logs differ. */
  lines: string[];
}

const QUERIES = [
  `SELECT * EXCLUDE (run_id, wall_seconds, finished_at) FROM episodes ORDER BY episode_id`,
  `SELECT * EXCLUDE (run_id) FROM components ORDER BY episode_id, name`,
  `SELECT * EXCLUDE (run_id) FROM steps ORDER BY episode_id, idx`,
];

/**
 * Reads a log read-only and fingerprints it. Two runs with the same seeds must give the same sha256,
 * whatever their concurrency or transport.
 * @example
 * expect((await logFingerprint("a.duckdb")).sha256).toBe((await logFingerprint("b.duckdb")).sha256);
 */
export async function logFingerprint(path: string): Promise<LogFingerprint> {
  const inst = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
  const conn = await inst.connect();
  try {
    const lines: string[] = [];
    const counts: number[] = [];
    for (const q of QUERIES) {
      const rows = (await conn.runAndReadAll(q)).getRowObjectsJson();
      counts.push(rows.length);
      for (const r of rows) lines.push(JSON.stringify(r));
    }
    const sha256 = createHash("sha256").update(lines.join("\n")).digest("hex");
    return { episodes: counts[0] ?? 0, steps: counts[2] ?? 0, sha256, lines };
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
