/**
 * @module Load client of `bench:ws` (runs in its own process): N WebSocket sessions, each resetting and
 * stepping a search/open/find mix for a fixed duration; prints one JSON line of figures.
 * Usage: tsx scripts/bench/ws-load-client.ts <ws-url> <sessions> <seconds> [active|idle] [group]
 * With `group` G > 1, sessions come in GRPO-style groups of G that reset with the same seeds (same
 * tasks, in the same order) and so issue the same scripted actions: the server's caches then serve most steps.
 */
import WebSocket from "ws";

const [url = "", sessionsArg = "256", secondsArg = "10", mode = "active", groupArg = "1"] = process.argv.slice(2);
const group = Math.max(1, Number(groupArg));
const sessions = Number(sessionsArg);
const seconds = Number(secondsArg);
const latencies: number[] = [];
let errors = 0;
let steps = 0;

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

function request(ws: WebSocket, msg: unknown): Promise<{ type: string; data: Record<string, unknown> }> {
  return new Promise((resolve) => {
    ws.once("message", (raw) => resolve(JSON.parse(String(raw)) as { type: string; data: Record<string, unknown> }));
    ws.send(JSON.stringify(msg));
  });
}

async function session(i: number, deadline: number): Promise<void> {
  const ws = await connect();
  let seed = Math.floor(i / group) * 1000;
  while (performance.now() < deadline) {
    const reset = await request(ws, { type: "reset", data: { seed: seed++, options: { max_steps: 30 } } });
    const question = String((reset.data.info as { question?: string } | undefined)?.question ?? "history");
    const words = question.split(/\s+/).filter((w) => w.length > 3);
    // mix: search, open rank 1, find, search, open rank 2, find ... (then a new episode)
    for (let k = 0; k < 9 && performance.now() < deadline; k++) {
      const action = k % 3 === 0 ? { name: "search", arguments: { query: words.slice(k % 4, (k % 4) + 3).join(" ") || question } }
        : k % 3 === 1 ? { name: "open", arguments: { id: 1 + (k % 2) } }
        : { name: "find", arguments: { pattern: words[k % Math.max(1, words.length)] ?? "the" } };
      const t0 = performance.now();
      const r = await request(ws, { type: "step", data: action });
      latencies.push(performance.now() - t0);
      steps++;
      if (r.type === "error") errors++;
      if (r.data.done === true) break;
    }
  }
  ws.close();
}

async function idle(): Promise<void> {
  const conns = await Promise.all(Array.from({ length: sessions }, () => connect()));
  process.stdout.write(JSON.stringify({ held: conns.length }) + "\n");
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const c of conns) c.close();
}

if (mode === "idle") {
  await idle();
} else {
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: sessions }, (_, i) => session(i, deadline)));
  const wall = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  process.stdout.write(JSON.stringify({ sessions, steps, errors, seconds: wall, stepsPerSecond: steps / wall, p50: q(0.5), p99: q(0.99) }) + "\n");
}
