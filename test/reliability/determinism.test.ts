import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDriver, remoteDriver, runRollouts, scriptedPolicy, type EpisodeDriver } from "../../env/rollout/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { attachWebSocketServer, type WsServerHandle } from "../../env/ws/index.ts";
import type { Task } from "../../core/task.ts";
import { logFingerprint } from "../helpers/log-fingerprint.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld } from "../helpers/world.ts";

const SOAK = process.env.SIMWEB_SOAK === "1";
const TIMEOUT = SOAK ? 3_600_000 : 180_000;
const GROUP = SOAK ? 64 : 18;
const WIDE = 256;

const dir = useTmpDir("simweb-determinism-");
let web: SimWeb;
let tasks: Task[] = [];
let http: Server;
let ws: WsServerHandle;
let url = "";

beforeAll(async () => {
  const world = await makeWorld(dir, 300, 11);
  web = await SimWeb.open(world.db, { faults: "harsh" });
  tasks = [...web.tasks.list()];
  http = createServer((_req, res) => res.writeHead(404).end());
  ws = attachWebSocketServer(http, { createEpisode: (id) => web.createEpisode(id), maxSessions: WIDE + 8 });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;
});

afterAll(async () => {
  await ws.close();
  await new Promise((r) => http.close(r));
  web.close();
});

async function run(name: string, driver: EpisodeDriver, concurrency: number): Promise<string> {
  const out = join(dir, `${name}.duckdb`);
  const s = await runRollouts({ out, tasks, driver, policy: scriptedPolicy(), groupSize: GROUP, concurrency, maxSteps: 8, seed: 5, batchEpisodes: 32 });
  expect(s.failed).toBe(0);
  expect(s.episodes).toBe(tasks.length * GROUP);
  return out;
}

describe("runRollouts() determinism under concurrency", () => {
  it(
    `gives byte-identical logs at concurrency 1 and ${WIDE}, in-process and over WebSocket, with harsh faults`,
    async () => {
      const serial = await logFingerprint(await run("serial", localDriver(web.episodeDeps()), 1));
      const wide = await logFingerprint(await run("wide", localDriver(web.episodeDeps()), WIDE));
      const remote = await logFingerprint(await run("remote", remoteDriver(url), WIDE));
      expect(serial.episodes).toBe(tasks.length * GROUP);
      // harsh faults really fired, so the comparison covers them
      expect(serial.lines.filter((l) => l.includes('"fault":"') && !l.includes('"fault":null')).length).toBeGreaterThan(10);
      expect(wide.lines).toEqual(serial.lines);
      expect(remote.lines).toEqual(serial.lines);
      expect(new Set([serial.sha256, wide.sha256, remote.sha256]).size).toBe(1);
      await expect.poll(() => ws.stats().activeSessions).toBe(0);
      console.log(
        `[reliability] determinism ${JSON.stringify({ episodes: serial.episodes, steps: serial.steps, concurrency: [1, WIDE], transports: ["in-process", "websocket"], sha256: serial.sha256 })}`,
      );
    },
    TIMEOUT,
  );
});
