import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Episode } from "../../../env/episode/index.ts";
import { localDriver, remoteDriver, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { attachWebSocketServer, type WsServerHandle } from "../../../env/ws/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { queryLog, trajectories } from "./log-inspect.ts";

const dir = useTmpDir("simweb-remote-");
const http = createServer();
let ws: WsServerHandle;
let url = "";

beforeAll(async () => {
  ws = attachWebSocketServer(http, { createEpisode: (id) => new Episode(fixtureDeps(), id) });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`;
});
afterAll(async () => {
  await ws.close();
  await new Promise((r) => http.close(r));
});

describe("remoteDriver()", () => {
  it("drives the real WebSocket server and logs the same trajectories as the in-process driver", async () => {
    const opts = { tasks: FIXTURE_TASKS, groupSize: 2, concurrency: 3, maxSteps: 8, seed: 21, policy: scriptedPolicy() };
    const remote = join(dir, "remote.duckdb");
    const local = join(dir, "local.duckdb");
    const s = await runRollouts({ ...opts, out: remote, driver: remoteDriver(url) });
    await runRollouts({ ...opts, out: local, driver: localDriver(fixtureDeps()) });
    expect(s.episodes).toBe(12);
    expect(s.failed).toBe(0);
    expect(await trajectories(remote)).toEqual(await trajectories(local));
    // every episode's connection is released (the server's slots are not leaked)
    await expect.poll(() => ws.stats().activeSessions).toBe(0);
    const q = `SELECT e.episode_id, e.end_reason, e.reward, c.name, c.value FROM episodes e JOIN components c USING (episode_id) ORDER BY ALL`;
    expect(await queryLog(remote, q)).toEqual(await queryLog(local, q));
  });

  it("logs the replica and corpus digest the server's reset info names", async () => {
    const srv = createServer();
    const identity = { replica: "far-replica", corpusDigest: "sha256:00000000000000aa" };
    const h = attachWebSocketServer(srv, { createEpisode: (id) => new Episode({ ...fixtureDeps(), identity }, id) });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    try {
      const out = join(dir, "remote-identity.duckdb");
      const wsUrl = `ws://127.0.0.1:${(srv.address() as AddressInfo).port}/ws`;
      const s = await runRollouts({
        tasks: FIXTURE_TASKS.slice(0, 2),
        groupSize: 2,
        concurrency: 2,
        maxSteps: 8,
        seed: 3,
        policy: scriptedPolicy(),
        out,
        driver: remoteDriver(wsUrl),
      });
      expect(s.episodes).toBe(4);
      expect(await queryLog(out, `SELECT DISTINCT replica, corpus_digest FROM episodes`)).toEqual([
        { replica: "far-replica", corpus_digest: "sha256:00000000000000aa" },
      ]);
    } finally {
      await h.close();
      await new Promise((r) => srv.close(r));
    }
  });

  it("reports connection failures and bad URLs with clear codes", async () => {
    expect(() => remoteDriver("http://x")).toThrow(/ws:\/\//);
    const s = runRollouts({
      out: join(dir, "down.duckdb"),
      tasks: FIXTURE_TASKS.slice(0, 1),
      groupSize: 1,
      concurrency: 1,
      maxSteps: 4,
      seed: 1,
      policy: scriptedPolicy(),
      driver: remoteDriver("ws://127.0.0.1:1/ws"),
      maxConsecutiveErrors: 1,
    });
    await expect(s).rejects.toThrow(/cannot connect/);
  });
});
