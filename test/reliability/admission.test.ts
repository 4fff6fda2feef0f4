/**
 * Issue 21, finding 3 (admission control): past saturation latency grew for everyone instead of new work
 * being shed. Now new work gets 429 + Retry-After (a `/ws` upgrade too, a `reset` gets `OVERLOADED`)
 * while the event loop lags or too many requests are in flight; running episodes and /healthz go on.
 * Real sockets on loopback; the overload is a timer that keeps the server's event loop busy.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../../env/http/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { rawRequest } from "../helpers/raw-http.ts";
import { RawWs } from "../helpers/raw-ws.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld } from "../helpers/world.ts";

const dir = useTmpDir("simweb-admission-");
let web: SimWeb;

beforeAll(async () => {
  const world = await makeWorld(dir, 300, 37);
  web = await SimWeb.open(world.db);
});

afterAll(() => web.close());

const json = { "content-type": "application/json" };

/** Keeps the event loop busy `busyMs` out of every `busyMs + 5` ms (a CPU-bound overload). */
function hog(busyMs: number): () => void {
  const t = setInterval(() => {
    const end = performance.now() + busyMs;
    while (performance.now() < end);
  }, 5);
  return () => clearInterval(t);
}

async function ask(c: RawWs, msg: Record<string, unknown>): Promise<{ type: string; data: { code?: string; retry_after?: number; env_id?: string } }> {
  c.text(JSON.stringify(msg));
  return JSON.parse((await c.nextText(60_000)) ?? "null") as { type: string; data: { code?: string; retry_after?: number } };
}

describe("admission control", () => {
  it("sheds new work with 429 + Retry-After while the event loop lags, keeps running episodes and /healthz, recovers", async () => {
    const srv = createServer(web, { shed: { maxLagMs: 100, lagSamples: 2, sampleMs: 20, maxInFlight: 0 } });
    const { port } = await srv.listen(0);
    const stopHog: (() => void)[] = [];
    try {
      // sessions opened before the overload
      const c = await RawWs.open(port);
      c.autoPong = true;
      expect((await ask(c, { type: "reset", data: { seed: 1 } })).type).toBe("observation");
      const m = await rawRequest(port, { method: "POST", path: "/reset", headers: json, body: '{"seed": 2}' });
      const sid = (JSON.parse(m.body) as { session_id: string }).session_id;
      expect((await rawRequest(port, { path: "/search?q=founded" })).status).toBe(200);

      const t0 = performance.now();
      stopHog.push(hog(150));
      let shedAfterMs = -1;
      for (let i = 0; i < 200 && shedAfterMs < 0; i++) {
        const r = await rawRequest(port, { path: "/search?q=founded" });
        if (r.status === 429) shedAfterMs = performance.now() - t0;
      }
      expect(shedAfterMs).toBeGreaterThan(0);
      const search = await rawRequest(port, { path: "/search?q=founded" });
      expect(search.status).toBe(429);
      expect(search.code).toBe("OVERLOADED");
      expect(Number(search.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect((await rawRequest(port, { path: "/healthz" })).status).toBe(200);
      expect((await rawRequest(port, { path: "/metrics" })).body).toMatch(/simweb_overloaded 1/);
      // new sessions are refused...
      const up = await RawWs.open(port).then(
        () => "open",
        (e: { head?: string }) => e.head ?? "",
      );
      expect(up).toMatch(/^HTTP\/1\.1 429/);
      expect(up).toMatch(/Retry-After: \d+/i);
      const newMirror = await rawRequest(port, { method: "POST", path: "/reset", headers: json, body: "{}" });
      expect(newMirror.status).toBe(429);
      expect(newMirror.code).toBe("OVERLOADED");
      expect(newMirror.headers["retry-after"]).toBeDefined();
      const newEnv = await ask(c, { type: "reset", data: { env_id: "more", seed: 3 } });
      expect(newEnv.data).toMatchObject({ code: "OVERLOADED", env_id: "more" });
      expect(newEnv.data.retry_after).toBeGreaterThanOrEqual(1);
      // ...while running episodes keep stepping
      expect((await ask(c, { type: "step", data: { name: "search", arguments: { query: "founded" } } })).type).toBe("observation");
      const step = await rawRequest(port, {
        method: "POST",
        path: "/step",
        headers: json,
        body: JSON.stringify({ session_id: sid, action: { name: "search", arguments: { query: "x" } } }),
      });
      expect(step.status).toBe(200);

      stopHog.splice(0).forEach((s) => s());
      const t1 = performance.now();
      await expect.poll(async () => (await rawRequest(port, { path: "/search?q=founded" })).status, { timeout: 10_000, interval: 20 }).toBe(200);
      const recoveredMs = performance.now() - t1;
      expect((await ask(c, { type: "reset", data: { env_id: "more", seed: 3 } })).type).toBe("observation");
      c.destroy();
      console.log(
        `[reliability] admission lag ${JSON.stringify({ maxLagMs: 100, hogBusyMs: 150, shedAfterMs: Math.round(shedAfterMs), retryAfter: search.headers["retry-after"], recoveredAfterMs: Math.round(recoveredMs) })}`,
      );
    } finally {
      stopHog.forEach((s) => s());
      await srv.close();
    }
  }, 60_000);

  it("sheds above the in-flight limit with 429 + Retry-After, and admits again once requests finish", async () => {
    const srv = createServer(web, { shed: { maxLagMs: 0, maxInFlight: 2 } });
    const { port } = await srv.listen(0);
    try {
      // two requests stay in flight: their bodies are never finished
      const slow = [0, 1].map(() => {
        const req = request({ host: "127.0.0.1", port, method: "POST", path: "/retrieve", headers: { ...json, "content-length": "64" }, agent: false });
        req.on("error", () => undefined);
        req.write('{"queries": [');
        return req;
      });
      await expect.poll(async () => (await rawRequest(port, { path: "/search?q=founded" })).status, { timeout: 5_000, interval: 20 }).toBe(429);
      const r = await rawRequest(port, { path: "/search?q=founded" });
      expect(r.code).toBe("OVERLOADED");
      expect(r.headers["retry-after"]).toBe("1");
      expect((await rawRequest(port, { path: "/healthz" })).status).toBe(200);
      for (const req of slow) req.destroy();
      await expect.poll(async () => (await rawRequest(port, { path: "/search?q=founded" })).status, { timeout: 5_000, interval: 20 }).toBe(200);
    } finally {
      await srv.close();
    }
  });
});
