import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";

let server: Server | undefined;
let wss: WebSocketServer | undefined;

/** A stand-in episode server speaking the `/ws` reply shapes the load client reads; `delay(n)` gives the n-th step's service time. */
async function listen(delay: (n: number) => number, done = (_n: number) => false): Promise<{ url: string; steps: () => number; resets: () => number }> {
  let steps = 0;
  let resets = 0;
  server = createServer();
  wss = new WebSocketServer({ server });
  wss.on("connection", (ws) => {
    ws.on("message", (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string };
      if (msg.type === "reset") {
        resets++;
        ws.send(
          JSON.stringify({
            type: "observation",
            data: { observation: 'Question: when was "done":true said?', info: { question: "Which city hosted the summit founded" }, done: false },
          }),
        );
        return;
      }
      const n = ++steps;
      setTimeout(() => ws.send(JSON.stringify({ type: "observation", data: { observation: 'text with "done":true inside', done: done(n) } })), delay(n));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`, steps: () => steps, resets: () => resets };
}

function runClient(args: string[]): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/ws-load-client.ts", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as Record<string, number>) : reject(new Error(`exit ${code}`)),
    );
  });
}

afterEach(async () => {
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise((resolve) => wss?.close(resolve));
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = wss = undefined;
});

describe("bench:ws load client, paced mode", () => {
  it("holds the offered step rate across sessions and reads done/error flags from the raw reply", async () => {
    const { url, steps, resets } = await listen(
      () => 1,
      (n) => n % 5 === 0,
    );
    const r = await runClient([url, "16", "1", "active", "1", "400"]);
    expect(r.errors).toBe(0);
    // 400 steps/s for the measured second (after a 0.2 s warm-up): 16 sessions, one step every 40 ms each
    expect(r.steps).toBeGreaterThan(360);
    expect(r.steps).toBeLessThan(440);
    expect(r.p50).toBeLessThan(20);
    // an episode ends on every 5th step, not on the `"done":true` quoted inside each observation string
    expect(resets()).toBeGreaterThan(steps() / 5);
    expect(resets()).toBeLessThan(steps() / 5 + 40);
  }, 30_000);

  it("times steps from their intended send time: a 200 ms stall shows in p99 for the steps queued behind it", async () => {
    let stallUntil = 0;
    let seen = 0;
    const { url } = await listen(() => {
      const now = performance.now();
      if (++seen === 200) stallUntil = now + 200;
      return Math.max(1, stallUntil - now);
    });
    // at 500 steps/s, ~100 steps fall due during the stall; each session waits for its reply, so they are
    // sent late and their latency, counted from the intended time, runs from ~200 ms down to 0
    const r = await runClient([url, "16", "1", "active", "1", "500"]);
    expect(r.errors).toBe(0);
    expect(r.p99).toBeGreaterThanOrEqual(120);
    expect(r.p90).toBeGreaterThanOrEqual(50); // timed from when they were sent, only the ~16 in flight would be slow
    expect(r.p50).toBeLessThan(50);
  }, 30_000);
});
