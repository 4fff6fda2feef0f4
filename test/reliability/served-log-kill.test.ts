/**
 * `kill -9` of `simweb serve --log`: every episode whose final step reply reached a client is in the log
 * (commit before reply). Clients run real WebSocket sessions against the real CLI; the kill comes at a
 * seeded moment mid-run, and once 0.2 s after the clients finished.
 */
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stream } from "../../core/index.ts";
import { runTs, type Child } from "../helpers/child-process.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../helpers/world.ts";
import { queryLog } from "../env/rollout/log-inspect.ts";
import { connect, type TestClient } from "../env/ws/harness.ts";

const SOAK = process.env.SIMWEB_SOAK === "1";
/** Kills (the last one 0.2 s after the clients finished); the guarantee in docs/guarantees.md names this count. */
const KILLS = SOAK ? 12 : 5;
const CLIENTS = 24;

const dir = useTmpDir("simweb-served-kill-");
let world: TestWorld;
const children: Child[] = [];

beforeAll(async () => {
  world = await makeWorld(dir, 300, 13);
}, 120_000);
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
});

interface Seen {
  /** Seeds of episodes whose final reply (done = true) a client received. */
  finished: Set<number>;
  /** Milliseconds from sending the final step to its reply. */
  finalMs: number[];
}

/** One client: episodes of reset → search → answer, each with its own seed, until `stop()` or the server dies. */
async function client(url: string, base: number, seen: Seen, quota: number, stop: () => boolean): Promise<void> {
  let c: TestClient;
  try {
    c = await connect(url);
  } catch {
    return;
  }
  const dead = c.closed.then(() => null);
  const ask = (msg: unknown): Promise<{ type: string; data: { done?: boolean } } | null> => Promise.race([c.request(msg), dead]);
  try {
    for (let n = 0; n < quota && !stop(); n++) {
      const seed = base + n;
      if ((await ask({ type: "reset", data: { seed } }))?.type !== "observation") return;
      if ((await ask({ type: "step", data: { name: "search", arguments: { query: `founded company ${n % 7}` } } }))?.type !== "observation") return;
      const t0 = performance.now();
      const r = await ask({ type: "step", data: { name: "answer", arguments: { answer: "unknown" } } });
      if (r?.type !== "observation" || r.data.done !== true) return;
      seen.finalMs.push(performance.now() - t0);
      seen.finished.add(seed);
    }
  } finally {
    c.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] as number);
};

describe("kill -9 of simweb serve --log", () => {
  it(
    `${KILLS} kills: no episode whose final reply a client saw is missing from the log`,
    async () => {
      const log = join(dir, "runs", "served.duckdb");
      const rng = stream(21, "served-log-kill");
      const report: string[] = [];
      let totalSeen = 0;
      for (let k = 0; k < KILLS; k++) {
        const server = runTs(["scripts/cli.ts", "serve", "--db", world.db, "--port", "0", "--log", log]);
        children.push(server);
        const line = await server.waitForLine((l) => l.includes('"listening"'), 90_000);
        const url = `${(JSON.parse(line) as { url: string }).url.replace(/^http/, "ws")}/ws`;
        const seen: Seen = { finished: new Set(), finalMs: [] };
        const afterRun = k === KILLS - 1;
        let stopped = false;
        const quota = afterRun ? 12 : 1_000_000;
        const runs = Array.from({ length: CLIENTS }, (_, i) => client(url, (k + 1) * 1_000_000 + i * 10_000, seen, quota, () => stopped));
        if (afterRun) {
          await Promise.all(runs);
          await sleep(200);
        } else {
          // a seeded moment once the run is under way
          while (seen.finished.size < 40) await sleep(10);
          await sleep(100 + rng.int(900));
        }
        server.proc.kill("SIGKILL");
        expect((await server.exited).signal).toBe("SIGKILL");
        stopped = true;
        await Promise.all(runs);
        const rows = await queryLog(
          log,
          `SELECT seed FROM episodes WHERE status = 'done' AND seed >= ${(k + 1) * 1_000_000} AND seed < ${(k + 2) * 1_000_000}`,
        );
        const logged = new Set(rows.map((r) => Number(r.seed)));
        const missing = [...seen.finished].filter((s) => !logged.has(s));
        report.push(
          `kill ${k + 1}${afterRun ? " (0.2 s after the run)" : ""}: ${seen.finished.size} seen, ${logged.size} logged, ${missing.length} missing, final step p50 ${median(seen.finalMs).toFixed(1)} ms`,
        );
        expect(missing, report.at(-1)).toEqual([]);
        expect(seen.finished.size).toBeGreaterThan(0);
        totalSeen += seen.finished.size;
      }
      console.log(`served-log kill test (${CLIENTS} clients):\n  ${report.join("\n  ")}\n  total seen ${totalSeen}`);
    },
    SOAK ? 3_600_000 : 300_000,
  );
});
