import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type SimwebHttpServer } from "../../env/http/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { REPO_ROOT } from "../helpers/child-process.ts";
import { RawWs } from "../helpers/raw-ws.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../helpers/world.ts";

const dir = useTmpDir("simweb-isolation-");
const TOKEN = "s3cret-token-42";
let world: TestWorld;

beforeAll(async () => {
  world = await makeWorld(dir, 300, 23);
});

/** True when this machine lets us make a user + network namespace with only loopback. */
function namespacesWork(): boolean {
  return spawnSync("unshare", ["-rn", "sh", "-c", "ip link set lo up"], { stdio: "ignore" }).status === 0;
}

interface ChildReport {
  pages: { url: string; route: string; status: number; body: string }[];
  opened: string[];
  episodes: number;
  failed: number;
}

describe("isolation: no outbound network, no file access outside the corpus", () => {
  it("runs a served rollout and hostile page requests in a network namespace with only loopback, with no outbound attempt", async () => {
    const netns = namespacesWork();
    const report = join(dir, "egress.json");
    const node = `${process.execPath} --import tsx --import ./test/helpers/no-egress.ts test/reliability/isolation-child.ts`;
    const args = `${world.db} ${dir} '${TOKEN}'`;
    // without namespaces (unprivileged containers), the preload alone refuses and records outbound attempts
    const proc = netns
      ? spawn("unshare", ["-rn", "sh", "-c", `ip link set lo up && exec ${node} ${args}`], {
          cwd: REPO_ROOT,
          env: { ...process.env, SIMWEB_EGRESS_REPORT: report },
        })
      : spawn("sh", ["-c", `exec ${node} ${args}`], { cwd: REPO_ROOT, env: { ...process.env, SIMWEB_EGRESS_REPORT: report } });
    let out = "";
    let err = "";
    proc.stdout.on("data", (b) => (out += String(b)));
    proc.stderr.on("data", (b) => (err += String(b)));
    const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
    expect(code, err.slice(-2000)).toBe(0);
    const r = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as ChildReport;
    expect(r.episodes).toBe(20);
    expect(r.failed).toBe(0);
    const leaked = /root:x:0:0|ami-id|instance-id|daemon:x:/;
    for (const p of r.pages) {
      expect(p.body, `${p.route} ${p.url}`).not.toMatch(leaked);
      expect([400, 404], `${p.route} ${p.url} → ${p.status} ${p.body.slice(0, 200)}`).toContain(p.status);
      if (p.status === 404 && p.route === "/page") expect(p.body).toMatch(/can.t be reached/);
    }
    for (const o of r.opened) {
      expect(o).not.toMatch(leaked);
      expect(o).toMatch(/can.t be reached|Invalid action|not found/i);
    }
    const egress = JSON.parse(readFileSync(report, "utf8")) as { connects: string[]; refused: string[]; lookups: string[]; files: string[] };
    expect(egress.refused).toEqual([]);
    expect(egress.connects.every((c) => /^(127\.0\.0\.1|localhost|::1):\d+$/.test(c))).toBe(true);
    expect(egress.lookups.filter((h) => !/^(127\.0\.0\.1|localhost|::1)$/.test(h))).toEqual([]);
    // Node-level file opens: only the repository (code), the test's own directory and the process image
    const outside = egress.files.filter((f) => !f.startsWith(REPO_ROOT) && !f.startsWith(dir) && !f.startsWith("file://") && f !== "/proc/self/exe");
    expect(outside).toEqual([]);
    if (netns) {
      // the preload does catch an attempt (a lookup of a reserved name, inside the namespace: nothing can leave)
      const probe = join(dir, "probe.json");
      const p = spawnSync(
        "unshare",
        [
          "-rn",
          "sh",
          "-c",
          `${process.execPath} --import tsx --import ./test/helpers/no-egress.ts -e 'require("node:dns").lookup("probe.invalid", () => 0)' || true`,
        ],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, SIMWEB_EGRESS_REPORT: probe },
        },
      );
      expect(p.status).toBe(0);
      expect((JSON.parse(readFileSync(probe, "utf8")) as { lookups: string[] }).lookups).toEqual(["probe.invalid"]);
    }
    console.log(
      `[reliability] isolation ${JSON.stringify({ netns, hostileRequests: r.pages.length + r.opened.length, episodes: r.episodes, connects: egress.connects.length, refused: egress.refused.length })}`,
    );
  });
});

describe("token auth on every route and /ws", () => {
  let web: SimWeb;
  let srv: SimwebHttpServer;
  let base = "";
  let port = 0;
  beforeAll(async () => {
    web = await SimWeb.open(world.db);
    srv = createServer(web, { token: TOKEN });
    ({ url: base, port } = await srv.listen(0));
  });
  afterAll(async () => {
    await srv.close();
    web.close();
  });

  it("refuses missing, wrong, truncated, extended and mis-sent tokens with 401 on every route; the right one passes", async () => {
    const routes = srv.routes.map((r) => r.split(" ") as [string, string]);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const wrong = fc.sample(
      fc.string({ unit: "binary", maxLength: 40 }).filter((t) => t !== TOKEN && /^[\x21-\x7e]+$/.test(t)),
      { numRuns: 20, seed: 5 },
    );
    const badHeaders: Record<string, string>[] = [
      {},
      { authorization: "" },
      { authorization: "Bearer" },
      { authorization: `Basic ${TOKEN}` },
      { authorization: TOKEN },
      { authorization: "Bearer s3cret-token-" },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.toUpperCase()}` },
      { cookie: `token=${TOKEN}` },
      { "x-token": TOKEN },
      ...wrong.map((t) => ({ authorization: `Bearer ${t}` })),
      ...wrong.slice(0, 5).map((t) => ({ "x-api-key": t })),
    ];
    let refused = 0;
    for (const [method, path] of routes) {
      for (const h of badHeaders) {
        const r = await fetch(`${base}${path}`, { method, headers: h, ...(method === "POST" ? { body: "{}" } : {}) });
        expect(r.status, `${method} ${path} ${JSON.stringify(h)}`).toBe(401);
        expect(await r.text()).toContain("UNAUTHORIZED");
        refused++;
      }
      // the query form, wrong (the parameter name is case-sensitive)
      for (const q of ["token=", "token=wrong", `token=${encodeURIComponent(TOKEN)}x`, `TOKEN=${encodeURIComponent(TOKEN)}`]) {
        const r = await fetch(`${base}${path}?${q}`, { method, ...(method === "POST" ? { body: "{}" } : {}) });
        expect(r.status, `${method} ${path}?${q}`).toBe(401);
        refused++;
      }
      const ok = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` }, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(ok.status, `${method} ${path} with the token`).not.toBe(401);
    }
    // /ws: the upgrade is refused before any WebSocket exists
    for (const q of ["", "?token=", "?token=wrong", `?token=${encodeURIComponent(TOKEN)}x`]) {
      await expect(RawWs.open(port, `/ws${q}`), q).rejects.toThrow(/401/);
      refused++;
    }
    await expect(RawWs.open(port, "/ws", { authorization: "Bearer nope" })).rejects.toThrow(/401/);
    const c = await RawWs.open(port, `/ws?token=${encodeURIComponent(TOKEN)}`);
    c.text(JSON.stringify({ type: "reset", id: 1, data: { seed: 1 } }));
    expect(JSON.parse((await c.nextText()) ?? "null")).toMatchObject({ type: "observation", id: 1 });
    c.destroy();
    console.log(`[reliability] token ${JSON.stringify({ routes: routes.length, refusedRequests: refused })}`);
  });

  // issue 21, finding 7: /ws took ?token= but not X-API-KEY, the HTTP routes the reverse
  it("accepts the same three forms on every route and on /ws: Bearer, X-API-KEY, ?token=; a header wins over the query", async () => {
    const routes = srv.routes.map((r) => r.split(" ") as [string, string]);
    const t = encodeURIComponent(TOKEN);
    const forms: { name: string; headers: Record<string, string>; query: string }[] = [
      { name: "bearer", headers: { authorization: `Bearer ${TOKEN}` }, query: "" },
      { name: "x-api-key", headers: { "x-api-key": TOKEN }, query: "" },
      { name: "query", headers: {}, query: `token=${t}` },
    ];
    let passed = 0;
    for (const [method, path] of routes) {
      for (const f of forms) {
        const r = await fetch(`${base}${path}${f.query === "" ? "" : `?${f.query}`}`, {
          method,
          headers: f.headers,
          ...(method === "POST" ? { body: "{}" } : {}),
        });
        expect(r.status, `${method} ${path} with ${f.name}`).not.toBe(401);
        passed++;
      }
      // a wrong header is not rescued by a right query token
      const mixed = await fetch(`${base}${path}?token=${t}`, { method, headers: { "x-api-key": "wrong" }, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(mixed.status, `${method} ${path} wrong header + right query`).toBe(401);
    }
    // the query token is not a route parameter: routes that refuse unknown parameters still answer 200
    const s = await fetch(`${base}/search?q=founded&token=${t}&k=2`);
    expect(s.status).toBe(200);
    expect(((await s.json()) as { results: unknown[] }).results).toHaveLength(2);
    for (const f of forms) {
      const c = await RawWs.open(port, `/ws${f.query === "" ? "" : `?${f.query}`}`, f.headers);
      c.text(JSON.stringify({ type: "reset", id: 1, data: { seed: 1 } }));
      expect(JSON.parse((await c.nextText()) ?? "null"), f.name).toMatchObject({ type: "observation", id: 1 });
      c.destroy();
      passed++;
    }
    await expect(RawWs.open(port, "/ws", { "x-api-key": "wrong" })).rejects.toThrow(/401/);
    await expect(RawWs.open(port, `/ws?token=${t}`, { authorization: "Bearer wrong" })).rejects.toThrow(/401/);
    console.log(`[reliability] token forms ${JSON.stringify({ routes: routes.length + 1, forms: forms.length, accepted: passed })}`);
  });
});
