/**
 * @module `npm run bench:load`: WARC load throughput (pages/s, MB/s) of generated worlds, and the
 * same files read by the WARC reader alone (the parse cost without DuckDB writes) as the peer.
 * Usage: tsx scripts/bench/load.ts [--sizes 20000,100000] [--dir .tmp/bench-load]
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { expandInputs, generateWorld, loadCorpus, readWarc } from "../../corpus-loader/index.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const sizes = opt("--sizes", "20000,100000").split(",").map(Number);
const dir = opt("--dir", ".tmp/bench-load");

interface Row {
  system: string;
  pages: number;
  mb: number;
  seconds: number;
  rssMb: number;
}
const rows: Row[] = [];

for (const n of sizes) {
  const worldDir = join(dir, `world-${n}`);
  if (!existsSync(join(worldDir, "tasks.jsonl"))) {
    mkdirSync(worldDir, { recursive: true });
    const t0 = performance.now();
    const w = await generateWorld({ seed: 1, pages: n, outDir: worldDir });
    rows.push({ system: `generate ${n}`, pages: w.pages, mb: w.bytes / 1e6, seconds: (performance.now() - t0) / 1000, rssMb: process.memoryUsage().rss / 1e6 });
  }
  const files = expandInputs([worldDir]);
  // peer: the reader alone (parse + HTML extraction, no writes)
  let t0 = performance.now();
  let pages = 0;
  let bytes = 0;
  for (const f of files) {
    const { statSync } = await import("node:fs");
    bytes += statSync(f).size;
    for await (const ev of readWarc(f, { keepHtml: true })) if (ev.kind === "page") pages++;
  }
  rows.push({ system: `read only ${n}`, pages, mb: bytes / 1e6, seconds: (performance.now() - t0) / 1000, rssMb: process.memoryUsage().rss / 1e6 });
  const db = join(dir, `corpus-${n}.duckdb`);
  for (const p of [db, db + ".wal"]) if (existsSync(p)) rmSync(p);
  t0 = performance.now();
  const s = await loadCorpus(db, [worldDir]);
  rows.push({
    system: `simweb load ${n}`,
    pages: s.pagesAdded,
    mb: s.bytes / 1e6,
    seconds: (performance.now() - t0) / 1000,
    rssMb: process.memoryUsage().rss / 1e6,
  });
}

console.log("| step | pages | input MB | seconds | pages/s | MB/s | RSS MB |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  console.log(
    `| ${r.system} | ${r.pages} | ${r.mb.toFixed(1)} | ${r.seconds.toFixed(2)} | ${Math.round(r.pages / r.seconds)} | ${(r.mb / r.seconds).toFixed(1)} | ${r.rssMb.toFixed(0)} |`,
  );
}
