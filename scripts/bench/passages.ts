/**
 * @module `npm run bench:passages`: the passage-corpus generator (`simweb generate --passages`) in
 * passages/s and MB/s, 1 and 2 worker processes, plain and gzip, with the web-world generator and
 * `gzip -6` alone as peers in the same run; with `--load`, `simweb load` + `simweb index` of the
 * plain corpus. Every step runs as its own CLI process under `/usr/bin/time -v` (wall, CPU, peak RSS).
 * Usage: tsx scripts/bench/passages.ts [--passages 1000000] [--world-pages 20000] [--dir .tmp/bench-passages] [--load]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const passages = Number(opt("--passages", "1000000"));
const worldPages = Number(opt("--world-pages", "20000"));
const dir = opt("--dir", ".tmp/bench-passages");
const withLoad = args.includes("--load");
mkdirSync(dir, { recursive: true });

interface Measured {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Runs a command under GNU time -v; returns its wall and CPU seconds and peak RSS (of the largest process). */
function timed(cmd: string[]): Measured {
  const r = spawnSync("/usr/bin/time", ["-v", ...cmd], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd.join(" ")} exited with ${r.status}: ${r.stderr.slice(-2000)}`);
  const field = (label: string): string => new RegExp(`${label}: (.+)`).exec(r.stderr)?.[1]?.trim() ?? "0";
  const clock = field("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)")
    .split(":")
    .map(Number)
    .reduce((s, x) => s * 60 + x, 0);
  return {
    wall: clock,
    cpu: Number(field("User time \\(seconds\\)")) + Number(field("System time \\(seconds\\)")),
    rssMb: Number(field("Maximum resident set size \\(kbytes\\)")) / 1024,
  };
}

const cli = (...a: string[]): string[] => [process.execPath, "--import", "tsx", "scripts/cli.ts", ...a];
const sizeOf = (d: string): number => readdirSync(d).reduce((s, f) => s + statSync(join(d, f)).size, 0);

interface Row extends Measured {
  step: string;
  items: number;
  mb: number;
}
const rows: Row[] = [];
const load0 = loadavg()[0] as number;

for (const [format, workers] of [
  ["jsonl", 1],
  ["jsonl", 2],
  ["jsonl.gz", 2],
] as const) {
  const out = join(dir, `p${passages}-${format}-w${workers}`);
  rmSync(out, { recursive: true, force: true });
  const m = timed(cli("generate", "--passages", String(passages), "--format", format, "--workers", String(workers), "--out", out));
  rows.push({ step: `generate --passages ${passages} --format ${format} --workers ${workers}`, items: passages, mb: sizeOf(out) / 1e6, ...m });
}

// peer: the web-world generator (HTML pages into WARC.gz) on the same machine, same run
const world = join(dir, `world-${worldPages}`);
rmSync(world, { recursive: true, force: true });
const w = timed(cli("generate", "--pages", String(worldPages), "--workers", "2", "--out", world));
rows.push({ step: `peer: generate --pages ${worldPages} --workers 2 (web world)`, items: worldPages, mb: sizeOf(world) / 1e6, ...w });

// peer: gzip -6 alone on one plain file (what compression costs a core)
const plain = join(dir, `p${passages}-jsonl-w2`);
const first = join(plain, "passages-00000.jsonl");
const lines = Math.min(passages, 250_000);
const gz = timed(["sh", "-c", `gzip -6 -c ${first} > /dev/null`]);
rows.push({ step: "peer: gzip -6 of passages-00000.jsonl (1 core)", items: lines, mb: statSync(first).size / 1e6, ...gz });

if (withLoad) {
  const db = join(dir, `p${passages}.duckdb`);
  for (const p of [db, `${db}.wal`]) rmSync(p, { force: true });
  const l = timed(cli("load", "--db", db, plain));
  rows.push({ step: `simweb load (${passages} passages, JSONL)`, items: passages, mb: sizeOf(plain) / 1e6, ...l });
  const ix = timed(cli("index", "--db", db));
  rows.push({ step: "simweb index", items: passages, mb: statSync(db).size / 1e6, ...ix });
  if (existsSync(db)) rows.push({ step: "corpus file after index (MB column)", items: passages, mb: statSync(db).size / 1e6, wall: 0, cpu: 0, rssMb: 0 });
}

const load1 = loadavg()[0] as number;
console.log(
  `machine: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; 1-min load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end (shared machine: CPU seconds are the steadier figure)\n`,
);
console.log("| step | items | MB | wall s | items/s | MB/s | CPU s | items/CPU-s | peak RSS MB |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  const per = (x: number, s: number): string => (s > 0 ? Math.round(x / s).toLocaleString("en-US") : "");
  console.log(
    `| ${r.step} | ${r.items.toLocaleString("en-US")} | ${r.mb.toFixed(1)} | ${r.wall > 0 ? r.wall.toFixed(1) : ""} | ${per(r.items, r.wall)} | ${r.wall > 0 ? (r.mb / r.wall).toFixed(1) : ""} | ${r.cpu > 0 ? r.cpu.toFixed(1) : ""} | ${per(r.items, r.cpu)} | ${r.rssMb > 0 ? r.rssMb.toFixed(0) : ""} |`,
  );
}
