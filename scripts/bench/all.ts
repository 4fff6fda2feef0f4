/**
 * @module `npm run bench`: every benchmark in sequence at CI-friendly sizes, each printing its table
 * with its peers measured in the same run. Bigger runs: call a benchmark directly (see README).
 * Usage: tsx scripts/bench/all.ts [--pages 20000] [--only load,passages,search,http,ws,rollout]
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const pages = opt("--pages", "20000");
const only = new Set(opt("--only", "load,passages,search,http,ws,rollout").split(","));
const dir = ".tmp/bench";
const db = join(dir, `corpus-${pages}.duckdb`);

function run(title: string, script: string, scriptArgs: string[]): void {
  process.stdout.write(`\n## ${title}\n\n`);
  const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", script, ...scriptArgs], { stdio: "inherit" });
  if (r.status !== 0) process.stdout.write(`(${script} exited with ${r.status})\n`);
}

const ready = `${db}.ready`;
if (only.has("load")) {
  rmSync(ready, { force: true });
  run("Load (WARC → DuckDB)", "scripts/bench/load.ts", ["--sizes", pages, "--dir", dir]);
} else if (!existsSync(ready)) {
  spawnSync(process.execPath, ["--import", "tsx", "scripts/bench/load.ts", "--sizes", pages, "--dir", dir], { stdio: "ignore" });
}
if (!existsSync(ready)) {
  // the corpus the serving benchmarks use: the generated world, loaded, with tasks, indexed
  const mk = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      `
    const { loadTasks } = await import("./corpus-loader/index.ts");
    const { buildIndex } = await import("./corpus-loader/index-build/index.ts");
    await loadTasks(${JSON.stringify(db)}, ${JSON.stringify(join(dir, `world-${pages}`, "tasks.jsonl"))});
    await buildIndex(${JSON.stringify(db)});`,
    ],
    { stdio: "inherit" },
  );
  if (mk.status === 0) writeFileSync(ready, "");
  else process.stdout.write("(could not prepare the serving corpus)\n");
}
if (only.has("passages"))
  run("Passage corpus generation", "scripts/bench/passages.ts", [
    "--passages",
    String(Number(pages) * 10),
    "--world-pages",
    pages,
    "--dir",
    join(dir, "passages"),
  ]);
if (only.has("search")) run("Search engine", "scripts/bench/search.ts", ["--pages", pages]);
if (only.has("http") && existsSync("scripts/bench/http.ts")) run("HTTP server", "scripts/bench/http.ts", ["--db", db]);
if (only.has("ws")) run("WebSocket episodes", "scripts/bench/ws.ts", ["--db", db, "--seconds", "8"]);
if (only.has("rollout")) run("Rollouts", "scripts/bench/rollout.ts", ["--db", db]);
