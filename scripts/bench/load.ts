/**
 * @module `npm run bench:load`: WARC.gz load throughput end to end (read, inflate, parse HTTP, extract
 * text/title/links, write DuckDB) on a Common-Crawl-like input (real captures from warc-peers, ~25 KB of
 * WARC.gz per capture) and on generated worlds, with peak RSS; the peer, warcio.js, iterates the same
 * files in the same run (its read-only rate), next to simweb's record reader alone. Each row runs in its
 * own process.
 * Usage: tsx scripts/bench/load.ts [--cc-files 2] [--cc-file-mb 48] [--sizes 20000] [--workers N] [--dir .tmp/bench-load]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { expandInputs, generateWorld } from "../../corpus-loader/index.ts";
import { ccLikeInput } from "./cc-like-input.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const ccFiles = Number(opt("--cc-files", "2"));
const ccFileMb = Number(opt("--cc-file-mb", "48"));
const sizes = opt("--sizes", "20000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const workers = Number(opt("--workers", String(availableParallelism())));
const dir = opt("--dir", ".tmp/bench-load");
mkdirSync(dir, { recursive: true });

interface Row {
  kind: string;
  records: number;
  pages: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}
const lines: string[] = [];

function row(input: string, label: string, kind: string, db: string, w: number, files: string[]): void {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench/load-row.ts", kind, db, String(w), ...files], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const out = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !out.startsWith("{")) {
    lines.push(`| ${input} | ${label} | failed (exit ${r.status}): ${(r.stderr.trim().split("\n").pop() ?? "").slice(0, 120)} |`);
    return;
  }
  const x = JSON.parse(out) as Row;
  const mb = x.bytes / 1e6;
  lines.push(
    `| ${input} | ${label} | ${x.records} | ${x.pages} | ${mb.toFixed(1)} | ${x.seconds.toFixed(1)} | ${(mb / x.seconds).toFixed(1)} | ${Math.round(x.pages / x.seconds)} | ${x.cpuSeconds.toFixed(1)} | ${Math.round(x.peakRssMb)} |`,
  );
}

function rowsFor(input: string, files: string[], db: string, stages: boolean): void {
  row(input, "warcio.js 2.4 iterate (peer, read only)", "warcio", db, 0, files);
  row(input, "simweb record reader (read only)", "simweb-records", db, 0, files);
  if (stages) {
    row(input, "… + HTTP parse", "stage-http", db, 0, files);
    row(input, "… + charset decode", "stage-decode", db, 0, files);
    row(input, "… + HTML extraction (pages, no writes)", "stage-pages", db, 0, files);
  }
  row(input, "simweb load, 1 thread", "load", db, 0, files);
  row(input, `simweb load, ${workers} read workers`, "load", db, workers, files);
}

const load0 = loadavg()[0] ?? 0;
const cc = await ccLikeInput({ dir, fileMb: ccFileMb, files: ccFiles, seed: 1 });
rowsFor(`CC-like ${ccFiles} × ${ccFileMb} MB`, cc.files, join(dir, "corpus-cc.duckdb"), true);
for (const n of sizes) {
  const worldDir = join(dir, `world-${n}`);
  if (!existsSync(join(worldDir, "tasks.jsonl"))) {
    mkdirSync(worldDir, { recursive: true });
    await generateWorld({ seed: 1, pages: n, outDir: worldDir });
  }
  // the world's corpus is left at corpus-<n>.duckdb for the serving benchmarks (`npm run bench`)
  rowsFor(
    `world ${n}`,
    expandInputs([worldDir]).filter((f) => f.endsWith(".warc.gz")),
    join(dir, `corpus-${n}.duckdb`),
    false,
  );
}

console.log(`load average ${load0.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores`);
console.log("| input | system | records | pages (reader rows: responses) | input MB | seconds | MB/s | pages/s | CPU s | peak RSS MB |");
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const l of lines) console.log(l);
