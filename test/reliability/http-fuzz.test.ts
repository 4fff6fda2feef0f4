import { Agent, request } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, STATUS_OF, type SimwebHttpServer } from "../../env/http/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { heapAfterGc, mib } from "../helpers/memory.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld } from "../helpers/world.ts";

const SOAK = process.env.SIMWEB_SOAK === "1";
const TIMEOUT = SOAK ? 3_600_000 : 180_000;
const REQUESTS = SOAK ? 100_000 : 10_000;
const PARALLEL = 8;
const MAX_BODY = 64 * 1024;
const KNOWN = new Set(Object.keys(STATUS_OF));

const dir = useTmpDir("simweb-httpfuzz-");
let web: SimWeb;
let srv: SimwebHttpServer;
let port = 0;
let urls: string[] = [];
const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });

beforeAll(async () => {
  const world = await makeWorld(dir, 300, 19);
  web = await SimWeb.open(world.db);
  urls = Array.from({ length: 20 }, (_, i) => web.pages.page(i).url);
  srv = createServer(web, { maxBodyBytes: MAX_BODY, maxBatch: 32 });
  port = (await srv.listen(0)).port;
});

afterAll(async () => {
  agent.destroy();
  await srv.close();
  web.close();
});

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

const GET_ROUTES = ["/search", "/page", "/find", "/cdx", "/healthz", "/metrics", "/openapi.json", "/tools"];
const POST_ROUTES = ["/retrieve", "/access", "/serper/search", "/exa/search", "/exa/contents", "/reset", "/step", "/state", "/close"];
const PARAMS = ["q", "k", "offset", "url", "format", "loc", "num_lines", "cursor", "pattern", "output", "matchType", "limit", "fl", "x"];
const HOSTILE_URLS = [
  "file:///etc/passwd",
  "../../etc/passwd",
  "/etc/passwd",
  "http://169.254.169.254/latest/meta-data/",
  "https://example.com/",
  "http://127.0.0.1:22/",
  "gopher://x/",
  "javascript:alert(1)",
  "http://[::1]/",
  "%2e%2e/%2e%2e/etc/passwd",
  "data:,x",
  "http://localhost/../../etc/passwd",
];

function value(): fc.Arbitrary<unknown> {
  return fc
    .oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.integer({ min: -5, max: 200 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(...HOSTILE_URLS),
      fc.constantFrom(...urls),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .chain((v) =>
      fc.oneof({ weight: 30, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((n) => "q ".repeat(n)) }),
    );
}

function query(): fc.Arbitrary<string> {
  const enc = fc.oneof(
    value().map((v) => encodeURIComponent(typeof v === "string" ? v : (JSON.stringify(v) ?? ""))),
    fc.constantFrom("%zz", "%ff%fe", "%c0%af", "%00", "%", "a+b", "%ed%a0%80", "&&", "=="),
  );
  return fc.array(fc.tuple(fc.constantFrom(...PARAMS), enc), { maxLength: 5 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join("&"));
}

function body(): fc.Arbitrary<Buffer | null> {
  const obj = fc.record(
    {
      query: value(),
      queries: fc.oneof(fc.array(value(), { maxLength: 40 }), value()),
      topk: value(),
      return_scores: value(),
      urls: fc.oneof(fc.array(value(), { maxLength: 40 }), value()),
      ids: value(),
      q: value(),
      num: value(),
      page: value(),
      numResults: value(),
      contents: value(),
      text: value(),
      includeDomains: value(),
      session_id: value(),
      seed: value(),
      action: value(),
      type: value(),
      data: value(),
      extra: value(),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: obj.map((o) => Buffer.from(JSON.stringify(o))) },
    { weight: 2, arbitrary: fc.array(obj, { maxLength: 40 }).map((a) => Buffer.from(JSON.stringify(a))) },
    { weight: 2, arbitrary: fc.json().map((j) => Buffer.from(j)) },
    {
      weight: 2,
      arbitrary: fc.tuple(obj, fc.nat()).map(([o, n]) => {
        const s = JSON.stringify(o);
        return Buffer.from(s.slice(0, n % (s.length + 1)));
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: 5_000 }).map((n) => Buffer.from("[".repeat(n) + "]".repeat(n))) },
    { weight: 1, arbitrary: fc.constant(Buffer.concat([Buffer.from('{"query":"'), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('"}')])) },
    { weight: 1, arbitrary: fc.integer({ min: MAX_BODY - 16, max: MAX_BODY * 2 }).map((n) => Buffer.alloc(n, 0x20)) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function fuzzRequest(): fc.Arbitrary<FuzzRequest> {
  const withQuery = (path: string, q: string): string => (q === "" ? path : `${path}?${q}`);
  const json = { "content-type": "application/json" };
  const get = fc
    .tuple(fc.constantFrom(...GET_ROUTES), query(), fc.constantFrom("GET", "GET", "GET", "HEAD"))
    .map(([path, q, method]): FuzzRequest => ({ method, path: withQuery(path, q), headers: {}, body: null }));
  const post = fc
    .tuple(fc.constantFrom(...POST_ROUTES), body(), fc.boolean())
    .map(([path, b, typed]): FuzzRequest => ({ method: "POST", path, headers: typed || b === null ? json : {}, body: b }));
  const chaos = fc
    .record({
      method: fc.constantFrom("GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"),
      path: fc.constantFrom(
        ...GET_ROUTES,
        ...POST_ROUTES,
        "/",
        "/ws",
        "/ui",
        "/search/",
        "//search",
        "/SEARCH",
        "/../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/page%00",
      ),
      query: query(),
      contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", ""),
      body: body(),
    })
    .map((r): FuzzRequest => ({
      method: r.method,
      path: withQuery(r.path, r.query),
      headers: r.contentType === "" ? {} : { "content-type": r.contentType },
      body: r.method === "GET" || r.method === "HEAD" ? null : r.body,
    }));
  return fc.oneof({ weight: 9, arbitrary: get }, { weight: 9, arbitrary: post }, { weight: 2, arbitrary: chaos });
}

/** Sends one request; resolves with status, headers and body (or the transport error). */
function send(r: FuzzRequest): Promise<{ status: number; type: string; retryAfter?: string; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"] ?? ""),
          retryAfter: res.headers["retry-after"],
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e) => resolve({ error: e.message }));
    req.end(r.body ?? undefined);
  });
}

const tally = { requests: 0, byStatus: {} as Record<string, number>, byCode: {} as Record<string, number>, transportErrors: 0, mirrorResets: 0 };

function check(r: FuzzRequest, res: Awaited<ReturnType<typeof send>>): void {
  const what = `${r.method} ${r.path.slice(0, 300)} body=${JSON.stringify(r.body?.subarray(0, 200).toString("utf8") ?? null)}`;
  tally.requests++;
  if ("error" in res) {
    // the server may close the connection on a body above the limit before reading it all
    tally.transportErrors++;
    expect((r.body?.length ?? 0) > MAX_BODY || /ECONNRESET|EPIPE|socket hang up/.test(res.error), `${what}: ${res.error}`).toBe(true);
    return;
  }
  tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
  if (res.status === 200 && r.method === "POST" && r.path.startsWith("/reset")) tally.mirrorResets++;
  expect(res.status, what).toBeLessThan(600);
  // every 429 (simulated rate limit, client limit, overload) says when to retry
  if (res.status === 429) expect(Number(res.retryAfter), `${what}: 429 without Retry-After`).toBeGreaterThan(0);
  expect(res.body, what).not.toMatch(/root:x:0:0|ami-id|instance-id/);
  if (res.status >= 400 && r.method !== "HEAD" && res.type.startsWith("application/json")) {
    const e = (JSON.parse(res.body) as { error?: { code?: string; message?: string } }).error;
    const code = String(e?.code);
    tally.byCode[code] = (tally.byCode[code] ?? 0) + 1;
    expect(
      KNOWN.has(code) ||
        ["SESSION_ERROR", "RESET_NEEDED", "UNKNOWN_TYPE", "MESSAGE_TOO_BIG", "UNKNOWN_TASK", "CAPACITY_REACHED", "CLIENT_LIMIT", "OVERLOADED"].includes(code),
      `${code} for ${what}`,
    ).toBe(true);
    expect(code, `${what}: ${e?.message}`).not.toBe("INTERNAL_ERROR");
    expect(code, `${what}: ${e?.message}`).not.toBe("EXECUTION_ERROR");
  }
  expect(res.status, `${what} → ${res.body.slice(0, 300)}`).not.toBe(500);
}

describe("createServer() under HTTP fuzzing", () => {
  it(
    `answers ${REQUESTS} random requests on every route with a defined status and error code, then works at baseline memory`,
    async () => {
      const round = (n: number, seed: number): Promise<void> =>
        fc.assert(
          fc.asyncProperty(fc.array(fuzzRequest(), { minLength: PARALLEL, maxLength: PARALLEL }), async (rs) => {
            const out = await Promise.all(rs.map((r) => send(r)));
            rs.forEach((r, i) => check(r, out[i] as Awaited<ReturnType<typeof send>>));
          }),
          { numRuns: Math.ceil(n / PARALLEL), seed, endOnFailure: true },
        );
      await round(1_000, 3);
      const baseline = await heapAfterGc();
      tally.requests = 0;
      await round(REQUESTS, 20_260_732);
      expect(tally.requests).toBeGreaterThanOrEqual(REQUESTS);
      const health = await send({ method: "GET", path: "/healthz", headers: {}, body: null });
      expect(health).toMatchObject({ status: 200 });
      const search = await send({ method: "GET", path: `/search?q=${encodeURIComponent(web.tasks.list()[0]?.question ?? "x")}`, headers: {}, body: null });
      expect(search).toMatchObject({ status: 200 });
      // the only sessions left are the ones a fuzzed POST /reset really opened (the idle reaper ends them later)
      expect(srv.ws?.stats().activeSessions ?? 0).toBeLessThanOrEqual(tally.mirrorResets);
      const after = await heapAfterGc();
      console.log(`[reliability] http fuzz ${JSON.stringify({ ...tally, heapBaselineMiB: mib(baseline), heapAfterMiB: mib(after) })}`);
      expect(after - baseline).toBeLessThan(24 * 1024 * 1024);
    },
    TIMEOUT,
  );
});
