import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pacedLoad } from "../../../scripts/bench/paced-load.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server | undefined;

async function listen(handler: Handler): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("pacedLoad()", () => {
  it("holds the target rate, cycles through the requests and reads both body framings", async () => {
    const seen = new Map<string, number>();
    const url = await listen((req, res) => {
      seen.set(req.url ?? "", (seen.get(req.url ?? "") ?? 0) + 1);
      setTimeout(() => {
        if (req.url === "/chunked") {
          res.write("x".repeat(3000)); // no content-length: chunked framing
          res.end("y".repeat(10));
        } else res.end(JSON.stringify({ path: req.url, pad: "z".repeat(5000) }));
      }, 2);
    });
    const requests = [
      { method: "GET", path: "/a" },
      { method: "GET", path: "/chunked" },
      { method: "POST", path: "/c", body: "{}" },
    ] as const;
    const r = await pacedLoad({ url, requests, rate: 400, durationS: 1, warmupS: 0.2, connections: 8 });
    expect(r.errors).toBe(0);
    expect(r.non2xx).toBe(0);
    expect(r.completed).toBe(400);
    expect(r.qps).toBeGreaterThan(360);
    expect(r.qps).toBeLessThan(440);
    expect(Object.fromEntries(seen)).toEqual({ "/a": 160, "/chunked": 160, "/c": 160 }); // 480 sent in all
    expect(r.p50).toBeLessThanOrEqual(r.p99);
    expect(r.p99).toBeLessThanOrEqual(r.max);
  });

  it("measures latency from the intended send time: a 200 ms stall shows in p99 for the requests queued behind it", async () => {
    let arrived = 0;
    let stallUntil = 0;
    const url = await listen((_req, res) => {
      const now = performance.now();
      if (++arrived === 250) stallUntil = now + 200; // about 0.3 s into the measured second
      setTimeout(() => res.end("ok"), Math.max(1, stallUntil - now));
    });
    // ~100 of the 500 measured requests fall due during the stall; at most 8 are in flight, the rest
    // are issued late. Timed from their intended send times ~20% are slow (latency 200 ms down to 0);
    // timed from when they were written, only the few on the wire would be, leaving p90 near 1 ms.
    const r = await pacedLoad({ url, requests: [{ method: "GET", path: "/" }], rate: 500, durationS: 1, warmupS: 0.2, connections: 4, maxInFlight: 8 });
    expect(r.errors).toBe(0);
    expect(r.completed).toBe(500);
    expect(r.late).toBeGreaterThan(50);
    expect(r.max).toBeGreaterThanOrEqual(180);
    expect(r.p99).toBeGreaterThanOrEqual(150);
    expect(r.p90).toBeGreaterThanOrEqual(50);
    expect(r.p50).toBeLessThan(50);
  });

  it("drops requests that waited a whole timeout for a connection, so a run against a server slower than the rate ends", async () => {
    let arrived = 0;
    const url = await listen((_req, res) => {
      arrived++;
      setTimeout(() => res.end("ok"), 100); // 2 connections: 20 requests/s against 200 asked
    });
    const r = await pacedLoad({ url, requests: [{ method: "GET", path: "/" }], rate: 200, durationS: 1, warmupS: 0.2, connections: 2, timeoutMs: 300 });
    // 240 requests fall due; waiting them all out would take 12 s. Those that could not get a connection
    // within 300 ms of their intended time are dropped unsent and counted as errors.
    expect(arrived).toBeLessThan(80);
    expect(r.errors).toBeGreaterThan(100);
    expect(r.completed + r.errors).toBe(200);
    expect(r.p50).toBeGreaterThanOrEqual(100);
    expect(r.max).toBeLessThanOrEqual(300 + 100 + 50);
  });
});
