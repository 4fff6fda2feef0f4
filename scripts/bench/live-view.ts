/**
 * @module `tsx scripts/bench/live-view.ts`: the live view's figures. Runs `simweb rollout` (a real CLI process
 * holding the log) with and without live snapshots and reports the writer's episodes/s; while the live run goes,
 * this process reads the log the way `simweb view` does (LogReader → the writer's snapshot) every 100 ms and
 * reports the lag between an episode's end (`finished_at`) and its first appearance.
 * Usage: tsx scripts/bench/live-view.ts --db corpus.duckdb [--tasks 200] [--group-size 8] [--concurrency 8] [--interval 2] [--repeats 2]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { liveSnapshotPath, LogReader } from "../../env/trajectory/index.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const db = opt("--db", "data/demo/corpus.duckdb");
const tasks = opt("--tasks", "200");
const groupSize = opt("--group-size", "8");
const concurrency = opt("--concurrency", "8");
const interval = opt("--interval", "2");
const repeats = Number(opt("--repeats", "2"));
const dir = mkdtempSync(join(tmpdir(), "simweb-bench-live-"));

interface RunResult {
  episodesPerSecond: number;
  lags: number[];
  snapshots: number;
}

async function rollout(name: string, liveSeconds: string, watch: boolean): Promise<RunResult> {
  const out = join(dir, `${name}.duckdb`);
  const cliArgs = ["--import", "tsx", "scripts/cli.ts", "rollout", "--db", db, "--limit", tasks, "--group-size", groupSize];
  cliArgs.push("--concurrency", concurrency, "--max-steps", "12", "--policy", "scripted", "--out", out, "--live-interval", liveSeconds);
  const child = spawn(process.execPath, cliArgs, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (b: Buffer) => (stdout += String(b)));
  child.stderr.resume();
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  let done = false;
  void exited.then(() => (done = true));
  const seen = new Set<string>();
  const lags: number[] = [];
  const versions = new Set<string>();
  let lastId = "";
  while (watch && !done) {
    await new Promise((r) => setTimeout(r, 100));
    // as the viewer does: reopen only when the writer has published a new snapshot
    let id: string;
    try {
      const st = statSync(liveSnapshotPath(out));
      id = `${st.ino}:${st.mtimeMs}`;
    } catch {
      continue;
    }
    if (id === lastId) continue;
    lastId = id;
    let reader: LogReader;
    try {
      reader = await LogReader.open(out);
    } catch {
      continue; // not created yet, or no snapshot yet
    }
    try {
      if (reader.source.kind !== "snapshot") continue; // the writer has closed: lag is only about a live run
      const now = Date.now();
      versions.add(String(reader.source.takenAt));
      const runs = await reader.runs();
      const start = Date.parse(`${runs[0]?.startedAt ?? ""}`);
      for (const e of await reader.outcomes({}, { status: null })) {
        const key = e.episodeId;
        if (seen.has(key) || e.finishedAfter === null) continue;
        seen.add(key);
        lags.push((now - (start + e.finishedAfter * 1000)) / 1000);
      }
    } finally {
      reader.close();
    }
  }
  if ((await exited) !== 0) throw new Error(`rollout ${name} failed: ${stdout}`);
  const eps = Number(/throughput\s+([\d.]+) episodes\/s/.exec(stdout)?.[1] ?? NaN);
  return { episodesPerSecond: eps, lags, snapshots: versions.size };
}

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] as number);
};
const rows: string[] = [];
for (let r = 0; r < repeats; r++) {
  const off = await rollout(`off-${r}`, "0", false);
  const quiet = await rollout(`quiet-${r}`, interval, false);
  const on = await rollout(`on-${r}`, interval, true);
  const cost = (x: RunResult): string => `${(100 * (1 - x.episodesPerSecond / off.episodesPerSecond)).toFixed(1)}%`;
  rows.push(
    `| ${r + 1} | ${off.episodesPerSecond.toFixed(1)} | ${quiet.episodesPerSecond.toFixed(1)} (${cost(quiet)}) | ${on.episodesPerSecond.toFixed(1)} (${cost(on)}) | ` +
      `${on.lags.length} | ${q(on.lags, 0.5).toFixed(2)} | ${q(on.lags, 0.95).toFixed(2)} | ${Math.max(...on.lags).toFixed(2)} | ${on.snapshots} |`,
  );
}
process.stdout.write(
  [
    `live view: simweb rollout --limit ${tasks} --group-size ${groupSize} --concurrency ${concurrency} (scripted), --live-interval ${interval} vs 0`,
    "| run | episodes/s, live off | live on, nobody watching (cost) | live on, watched (cost) | episodes seen live | lag p50 s | lag p95 s | lag max s | snapshots seen |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n"),
);
rmSync(dir, { recursive: true, force: true });
