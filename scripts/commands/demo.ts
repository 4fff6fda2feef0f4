/** @module `simweb demo`: the whole path on the embedded default world, over the real WebSocket. */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { corpusInfo, generateWorld, loadCorpus, loadTasks, buildIndex } from "../../corpus-loader/index.ts";
import { exportRun } from "../../env/export/index.ts";
import { readLog } from "../../env/trajectory/index.ts";
import { localDriver, remoteDriver, resolveTasks, runRollouts, scriptedPolicy } from "../../env/rollout/index.ts";
import { compareRuns, formatComparison, readRunLog, type TaskKind } from "../../env/compare/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { DEFAULT_RUBRIC } from "../../verifiers/index.ts";
import { attachWebSocketServer } from "../../env/ws/index.ts";
import { intOption, type CommandSpec } from "../lib/command-spec.ts";
import { clearProgress, log, progress } from "../lib/log.ts";
import { demoReport } from "./demo-report.ts";
import { formatInfo } from "./info.ts";
import { defaultWorkers } from "./generate.ts";
import { printLoadSummary } from "./load.ts";

/** Search budgets of the scripted policy the demo compares. */
export const DEMO_BUDGETS = [2, 4, 8] as const;

/** The `demo` command. */
export const demoCommand: CommandSpec = {
  name: "demo",
  description:
    "generate → load → index → serve → scripted GRPO rollouts over WebSocket → export → compare three search budgets on the cost–quality frontier, on the default world",
  options: [
    { flags: "--seed <n>", description: "world and run seed", default: 1, parse: intOption("--seed") },
    { flags: "--pages <n>", description: "pages in the world", default: 20_000, parse: intOption("--pages", 100) },
    { flags: "--tasks <n>", description: "tasks to roll out", default: 64, parse: intOption("--tasks", 1) },
    { flags: "--group-size <n>", description: "rollouts per task (GRPO group)", default: 8, parse: intOption("--group-size", 1) },
    { flags: "--concurrency <n>", description: "episodes in flight", default: 32, parse: intOption("--concurrency", 1) },
    { flags: "--dir <dir>", description: "working directory", default: "data/demo" },
    { flags: "--faults <profile>", description: "fault profile of the served web: none, mild, harsh or a JSON file", default: "mild" },
  ],
  action: async (_args, o) => {
    const dir = String(o.dir);
    const seed = Number(o.seed);
    const worldDir = join(dir, "world");
    const db = join(dir, "corpus.duckdb");
    const run = join(dir, "runs", "demo.duckdb");
    for (const p of [worldDir, db, db + ".wal", join(dir, "runs"), join(dir, "export")]) if (existsSync(p)) rmSync(p, { recursive: true });
    mkdirSync(join(dir, "runs"), { recursive: true });

    let t0 = performance.now();
    const w = await generateWorld({ seed, pages: Number(o.pages), outDir: worldDir, workers: defaultWorkers() });
    log("1/7 generated", { pages: w.pages, tasks: w.tasks, files: w.files.length, seconds: secs(t0) });

    t0 = performance.now();
    const s = await loadCorpus(db, [worldDir], { onProgress: (p) => progress("load", p.fileIndex, p.files, { pages: p.pages }) });
    clearProgress();
    const t = await loadTasks(db, w.tasksFile);
    log("2/7 loaded", { pages: s.totalPages, tasks: t.written, seconds: secs(t0) });
    printLoadSummary(s);

    t0 = performance.now();
    const ix = await buildIndex(db);
    log("3/7 indexed", { pages: ix.pages, terms: ix.terms, postings: ix.postings, bytesPerPage: Math.round(ix.bytesPerPage), seconds: secs(t0) });

    t0 = performance.now();
    const web = await SimWeb.open(db, { faults: String(o.faults) });
    const server = createServer((_req, res) => res.writeHead(404).end());
    const ws = attachWebSocketServer(server, { createEpisode: (id) => web.createEpisode(id) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    log("4/7 serving", { url, loadSeconds: secs(t0) });

    try {
      t0 = performance.now();
      const tasks = resolveTasks("train", web.tasks.list(), Number(o.tasks));
      const summary = await runRollouts({
        out: run,
        tasks,
        driver: remoteDriver(url),
        policy: scriptedPolicy(),
        groupSize: Number(o.groupSize),
        concurrency: Number(o.concurrency),
        maxSteps: 12,
        seed,
        config: { corpus: db, demo: true, faults: String(o.faults) },
        onProgress: (p) => progress("rollout", p.episodesDone, p.episodesTotal, { reward: p.meanReward }),
      });
      clearProgress();
      const rollSeconds = (performance.now() - t0) / 1000;
      log("5/7 rolled out", { episodes: summary.episodes, steps: summary.steps, meanReward: +summary.meanReward.toFixed(3), seconds: +rollSeconds.toFixed(2) });

      const parquet = await exportRun(run, { format: "parquet", style: "hf", out: join(dir, "export", "demo-hf.parquet") });
      const jsonl = await exportRun(run, { format: "jsonl", style: "openai", out: join(dir, "export", "demo-openai.jsonl") });
      log("6/7 exported", { parquet: parquet.out, rows: parquet.rows, jsonl: jsonl.out });

      t0 = performance.now();
      const budgetRuns: string[] = [];
      for (const budget of DEMO_BUDGETS) {
        const out = join(dir, "runs", `budget-${budget}.duckdb`);
        await runRollouts({
          out,
          tasks,
          driver: localDriver(web.episodeDeps()),
          policy: scriptedPolicy({ budget }),
          groupSize: Number(o.groupSize),
          concurrency: Number(o.concurrency),
          maxSteps: 12,
          seed,
          config: { corpus: db, demo: true, faults: String(o.faults) },
        });
        budgetRuns.push(out);
      }
      const kinds = new Map<string, TaskKind>(web.tasks.list().map((x) => [x.id, { type: x.type, hops: x.hops }]));
      const logs = [];
      for (const p of [...budgetRuns, run]) logs.push(await readRunLog(p, async () => kinds));
      const comparison = compareRuns(logs);
      log("7/7 compared", { runs: comparison.rows.length, budgets: DEMO_BUDGETS.join(","), seconds: secs(t0) });

      process.stdout.write("\n== corpus ==\n" + formatInfo(await corpusInfo(db)));
      const logged = await readLog(run);
      const byId = new Map(web.tasks.list().map((x) => [x.id, x]));
      process.stdout.write("\n== rollouts (scripted policy, over WebSocket) ==\n" + demoReport(logged.episodes, byId, rollSeconds, DEFAULT_RUBRIC));
      process.stdout.write(
        `\n== compare: the scripted policy at search budgets ${DEMO_BUDGETS.join(", ")} (in-process) and the run above ==\n` + formatComparison(comparison),
      );
      process.stdout.write(
        `\n== files ==\nworld       ${worldDir}/ (WARC.gz + tasks.jsonl)\ncorpus      ${db}\nrun log     ${run}\nbudget runs ${budgetRuns.join("\n            ")}\nexports     ${parquet.out}\n            ${jsonl.out}\n`,
      );
    } finally {
      await ws.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      web.close();
    }
  },
};

function secs(t0: number): number {
  return +((performance.now() - t0) / 1000).toFixed(2);
}
