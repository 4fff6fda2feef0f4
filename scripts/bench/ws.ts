/**
 * @module `npm run bench:ws`: WebSocket episodes under load. The server runs here; the load client runs in
 * another process (scripts/bench/ws-load-client.ts). Reports steps/s and p50/p99 step latency for a
 * search/open/find mix at several session counts, and server memory per idle connection.
 * Closed-loop rows give the most steps/s (each session steps as soon as its reply arrives, so latency is
 * sessions ÷ throughput by Little's law); paced rows give latency at a fixed offered load, agents thinking
 * between steps (latency from each step's intended send time).
 * Usage: tsx scripts/bench/ws.ts --db corpus.duckdb [--seconds 10] [--sessions 64,256] [--idle 1000] [--rates 3000]
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SimWeb } from "../../env/simweb/index.ts";
import { attachWebSocketServer } from "../../env/ws/index.ts";

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : def;
};
const db = opt("--db", "data/demo/corpus.duckdb");
const seconds = Number(opt("--seconds", "10"));
const sessionCounts = opt("--sessions", "64,256").split(",").map(Number);
/** Extra run: 256 sessions in GRPO-style groups of this size (same tasks, same scripted actions); 0 skips it. */
const grpoGroup = Number(opt("--grpo-group", "16"));
const idleCount = Number(opt("--idle", "1000"));
/** Paced rows: the largest session count at these total step rates (steps/s); "70%" means 70% of its closed-loop max. */
const rates = opt("--rates", "70%,3000")
  .split(",")
  .filter((r) => r !== "");
/** 0: serve in this process (one core); N ≥ 1: `simweb serve --workers N` in child processes. */
const workers = Number(opt("--workers", "0"));

// in-process server (one core) unless --workers asks for `simweb serve` (then no second copy of the corpus here)
const web = workers > 0 ? null : await SimWeb.open(db);
const server = createServer((_q, r) => r.writeHead(404).end());
const ws = attachWebSocketServer(server, {
  createEpisode: (id) => {
    if (web === null) throw new Error("no in-process web");
    return web.createEpisode(id);
  },
  maxSessions: Math.max(idleCount, ...sessionCounts) + 16,
  // the idle row holds connections that never reset: keep them past the 30 s no-reset timeout
  unusedTimeoutMs: 300_000,
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const localUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
let url = localUrl;
let served: ReturnType<typeof spawn> | null = null;
if (workers > 0) {
  const port = 20_000 + ((process.pid * 7) % 20_000);
  served = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/cli.ts",
      "serve",
      "--db",
      db,
      "--port",
      String(port),
      "--workers",
      String(workers),
      "--max-sessions",
      String(Math.max(...sessionCounts) + 16),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  url = await new Promise<string>((resolve, reject) => {
    let buf = "";
    served?.stdout?.on("data", (c: Buffer) => {
      buf += c.toString();
      const m = /"url":"http:\/\/([^"]+)"/.exec(buf);
      if (m) resolve(`ws://${m[1]}/ws`);
    });
    served?.on("exit", (code) => reject(new Error(`simweb serve exited with ${code}`)));
  });
}

function client(n: number, mode: string, onLine?: (l: Record<string, unknown>) => void, target = url, group = 1, rate = 0): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/bench/ws-load-client.ts", target, String(n), String(seconds), mode, String(group), String(rate)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let last: Record<string, unknown> = {};
    let buf = "";
    child.stdout.on("data", (c: Buffer) => {
      buf += c.toString();
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        last = JSON.parse(buf.slice(0, i)) as Record<string, unknown>;
        buf = buf.slice(i + 1);
        onLine?.(last);
      }
    });
    child.on("exit", (code) => (code === 0 ? resolve(last) : reject(new Error(`load client exited ${code}`))));
  });
}

// idle connections first, before the active runs raise the RSS high-water mark
global.gc?.();
const before = process.memoryUsage().rss;
let heldRss = before;
await client(
  idleCount,
  "idle",
  (l) => {
    if (l.held !== undefined) setTimeout(() => (heldRss = process.memoryUsage().rss), 1000);
  },
  localUrl,
);
const rows: string[] = [];
const maxBySessions = new Map<number, number>();
for (const n of sessionCounts) {
  const r = await client(n, "active");
  maxBySessions.set(n, Number(r.stepsPerSecond));
  rows.push(
    `| ${n} active sessions, closed loop (max) | ${Math.round(Number(r.stepsPerSecond))} | ${Number(r.p50).toFixed(2)} | ${Number(r.p99).toFixed(2)} | ${r.errors} |`,
  );
}
for (const spec of rates) {
  const n = Math.max(...sessionCounts);
  const max = maxBySessions.get(n) ?? 0;
  const rate = spec.endsWith("%") ? Math.round((max * Number(spec.slice(0, -1))) / 100) : Number(spec);
  if (!(rate > 0)) continue;
  const r = await client(n, "active", undefined, url, 1, rate);
  const label = spec.endsWith("%") ? `${spec} of the closed-loop max` : "target rate";
  rows.push(
    `| ${n} sessions paced at ${rate.toLocaleString("en-US")} steps/s (${label}) | ${Math.round(Number(r.stepsPerSecond))} | ${Number(r.p50).toFixed(2)} | ${Number(r.p99).toFixed(2)} | ${r.errors} |`,
  );
}
if (grpoGroup > 1) {
  const n = Math.max(...sessionCounts);
  const r = await client(n, "active", undefined, url, grpoGroup);
  rows.push(
    `| ${n} active sessions, GRPO groups of ${grpoGroup} (same tasks and scripted actions: result cache hits) | ${Math.round(Number(r.stepsPerSecond))} | ${Number(r.p50).toFixed(2)} | ${Number(r.p99).toFixed(2)} | ${r.errors} |`,
  );
}
const perSession = (heldRss - before) / idleCount / 1e6;

console.log(
  `corpus: ${db}; ${seconds} s per row; load client in a separate process; server: ${workers > 0 ? `simweb serve --workers ${workers}` : "in-process, one core"}\n`,
);
console.log("| load | steps/s | p50 ms | p99 ms | errors |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const r of rows) console.log(r);
console.log(`\n${idleCount} idle connections held: server RSS +${((heldRss - before) / 1e6).toFixed(1)} MB (${(perSession * 1000).toFixed(1)} KB per session)`);
served?.kill("SIGTERM");
await ws.close();
server.close();
web?.close();
