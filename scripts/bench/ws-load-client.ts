/**
 * @module Load client of `bench:ws` (runs in its own process): N WebSocket sessions, each resetting and
 * stepping a search/open/find mix for a fixed duration; prints one JSON line of figures.
 * Usage: tsx scripts/bench/ws-load-client.ts <ws-url> <sessions> <seconds> [active|idle] [group] [rate]
 * With `group` G > 1, sessions come in GRPO-style groups of G that reset with the same seeds (same
 * tasks, in the same order) and so issue the same scripted actions: the server's caches then serve most steps.
 * With `rate` R > 0 the sessions are paced (an agent thinks between steps): session i intends its steps
 * at a fixed interval sessions/R, offset by i; a step is sent at its intended time or, when the previous
 * reply is late, as soon as it arrives, and its latency counts from the intended time (queueing included,
 * no coordinated omission). The first 20% of the run (at most 2 s) warms up and is not counted. Without a rate every session steps as fast as replies come (closed loop).
 */
import WebSocket from "ws";

const [url = "", sessionsArg = "256", secondsArg = "10", mode = "active", groupArg = "1", rateArg = "0"] = process.argv.slice(2);
const rate = Number(rateArg);
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

/**
 * A step reply, read without parsing the observation (the load client must not be the bottleneck):
 * in compact JSON `"type":"error"` can only be the top-level key and `"done":true` only the
 * episode's flag (inside a string every quote is escaped).
 */
function step(ws: WebSocket, msg: unknown): Promise<{ error: boolean; done: boolean }> {
  return new Promise((resolve) => {
    ws.once("message", (raw) => {
      const text = String(raw);
      resolve({ error: text.startsWith('{"type":"error"'), done: text.includes('"done":true') });
    });
    ws.send(JSON.stringify(msg));
  });
}

/** Steps sent before this time (connecting, cold caches) are not counted. */
let measureFrom = 0;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function session(i: number, deadline: number): Promise<void> {
  const ws = await connect();
  let seed = Math.floor(i / group) * 1000;
  const interval = rate > 0 ? (sessions / rate) * 1000 : 0;
  let intended = performance.now() + (interval * i) / sessions;
  while (performance.now() < deadline && intended <= deadline) {
    const reset = await request(ws, { type: "reset", data: { seed: seed++, options: { max_steps: 30 } } });
    const question = String((reset.data.info as { question?: string } | undefined)?.question ?? "history");
    const words = question.split(/\s+/).filter((w) => w.length > 3);
    // mix: search, open rank 1, find, search, open rank 2, find ... (then a new episode)
    for (let k = 0; k < 9 && performance.now() < deadline; k++) {
      const action =
        k % 3 === 0
          ? { name: "search", arguments: { query: words.slice(k % 4, (k % 4) + 3).join(" ") || question } }
          : k % 3 === 1
            ? { name: "open", arguments: { id: 1 + (k % 2) } }
            : { name: "find", arguments: { pattern: words[k % Math.max(1, words.length)] ?? "the" } };
      let t0 = performance.now();
      if (interval > 0) {
        if (intended > deadline) break;
        if (intended > t0) await sleep(intended - t0);
        t0 = intended;
        intended += interval;
      }
      const r = await step(ws, { type: "step", data: action });
      if (t0 >= measureFrom) {
        latencies.push(performance.now() - t0);
        steps++;
        if (r.error) errors++;
      }
      if (r.done) break;
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
  const warmup = Math.min(2, seconds * 0.2) * 1000;
  measureFrom = t0 + warmup;
  const deadline = t0 + warmup + seconds * 1000;
  await Promise.all(Array.from({ length: sessions }, (_, i) => session(i, deadline)));
  const wall = (performance.now() - measureFrom) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  process.stdout.write(
    JSON.stringify({ sessions, rate, steps, errors, seconds: wall, stepsPerSecond: steps / wall, p50: q(0.5), p90: q(0.9), p99: q(0.99) }) + "\n",
  );
}
