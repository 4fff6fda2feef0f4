import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");
/** The log's tables (env/trajectory/log-schema.ts). */
const LOG_TABLES = ["runs", "episodes", "steps", "components", "log_meta"];
/** SQL that names a log table: `FROM episodes`, `JOIN steps`, `INTO runs`, `UPDATE components`, `TABLE log_meta`, ... */
const SQL_ON_LOG = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE|EXISTS)\\s+(main\\.)?(${LOG_TABLES.join("|")})\\b`);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(ts|js|mjs)$/.test(d.name))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)));
}

function offenders(dirs: string[]): string[] {
  const out: string[] = [];
  for (const f of dirs.flatMap(sources)) {
    readFileSync(join(ROOT, f), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (SQL_ON_LOG.test(line)) out.push(`${f}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

describe("SQL on the log's tables", () => {
  it("appears in no file of the viewer (env/ui) or the exporters (env/export): they read through LogReader", () => {
    expect(offenders(["env/ui", "env/export"])).toEqual([]);
  });

  it("appears in no other room either, nor in the CLI: env/trajectory is the only code that knows the log's tables", () => {
    const rooms = ["core", "verifiers", "corpus-loader", "env", "scripts"];
    expect(offenders(rooms).filter((l) => !l.startsWith("env/trajectory/"))).toEqual([]);
  });

  it("is what the check looks for: it finds the reader's and the writer's queries, and the viewer's old ones", () => {
    const trajectory = offenders(["env/trajectory"]);
    expect(trajectory.some((l) => l.startsWith("env/trajectory/log-reader.ts"))).toBe(true);
    expect(trajectory.some((l) => l.startsWith("env/trajectory/trajectory-log.ts"))).toBe(true);
    for (const old of [
      "`SELECT * FROM episodes WHERE run_id = $1 AND episode_id = $2`",
      "FROM components c JOIN episodes e ON c.run_id = e.run_id",
      "`SELECT DISTINCT name AS v FROM components ORDER BY 1`",
      "INSERT INTO steps SELECT * FROM temp.stage_steps",
    ])
      expect(SQL_ON_LOG.test(old), old).toBe(true);
    expect(SQL_ON_LOG.test("SELECT id, type FROM tasks WHERE id IN (SELECT unnest($1))")).toBe(false); // the corpus's tasks table is not the log's
  });
});
