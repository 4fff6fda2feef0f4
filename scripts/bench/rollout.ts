/**
 * @module `npm run bench:rollout`: scripted rollouts, in-process vs over a real WebSocket (episodes/s, steps/s).
 * Usage: tsx scripts/bench/rollout.ts --db corpus.duckdb [--tasks 64] [--group-size 8] [--concurrency 32]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localDriver, remoteDriver, resolveTasks, runRollouts, scriptedPolicy, type EpisodeDriver } from "../../env/rollout/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { attachWebSocketServer } from "../../env/ws/index.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const db = opt("--db", "data/demo/corpus.duckdb");
const nTasks = Number(opt("--tasks", "64"));
const groupSize = Number(opt("--group-size", "8"));
const concurrency = Number(opt("--concurrency", "32"));

const web = await SimWeb.open(db);
const server = createServer((_q, r) => r.writeHead(404).end());
const ws = attachWebSocketServer(server, { createEpisode: (id) => web.createEpisode(id), maxSessions: concurrency * 2 + 8 });
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
const tasks = resolveTasks("train", web.tasks.list(), nTasks);
const dir = mkdtempSync(join(tmpdir(), "simweb-bench-rollout-"));

async function run(name: string, driver: EpisodeDriver): Promise<string> {
  const s = await runRollouts({
    out: join(dir, `${name}.duckdb`),
    tasks,
    driver,
    policy: scriptedPolicy(),
    groupSize,
    concurrency,
    maxSteps: 12,
    seed: 1,
  });
  return `| ${name} | ${s.episodes} | ${s.steps} | ${s.seconds.toFixed(2)} | ${s.episodesPerSecond.toFixed(1)} | ${s.stepsPerSecond.toFixed(0)} | ${s.meanReward.toFixed(3)} |`;
}

const rows = [await run("in-process", localDriver(web.episodeDeps())), await run("WebSocket (loopback)", remoteDriver(url))];
console.log(`corpus: ${db} (${web.pages.size} pages); ${tasks.length} tasks × ${groupSize}, concurrency ${concurrency}, scripted policy\n`);
console.log("| driver | episodes | steps | seconds | episodes/s | steps/s | mean reward |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) console.log(r);
await ws.close();
server.close();
web.close();
rmSync(dir, { recursive: true, force: true });
