/**
 * Issue 21, finding 5: browser pages and DNS rebinding. Without a token, a page open in a browser on the
 * machine could drive episodes, fill capacity or write into the `--log` file: `/ws` did not check
 * `Origin` and no route checked `Host`. Real sockets on loopback, headers sent as a browser sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type SimwebHttpServer } from "../../env/http/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { RecordingSink } from "../helpers/fake-episode-web.ts";
import { rawRequest } from "../helpers/raw-http.ts";
import { RawWs } from "../helpers/raw-ws.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld } from "../helpers/world.ts";

const dir = useTmpDir("simweb-browser-");
let web: SimWeb;
let srv: SimwebHttpServer;
let port = 0;
const sink = new RecordingSink();

beforeAll(async () => {
  const world = await makeWorld(dir, 300, 29);
  web = await SimWeb.open(world.db);
  srv = createServer(web, { episodeSink: sink });
  ({ port } = await srv.listen(0));
});

afterAll(async () => {
  await srv.close();
  web.close();
});

/** Every route with a request that succeeds when nothing is wrong with Host or Origin. */
function routeRequests(): { method: string; path: string; body?: string }[] {
  return srv.routes.map((r) => {
    const [method = "GET", path = "/"] = r.split(" ");
    return method === "POST" ? { method, path, body: "{}" } : { method, path };
  });
}

/** A WebSocket upgrade's outcome: "open" or the refusal's status line and headers. */
async function upgrade(headers: Record<string, string>): Promise<string> {
  try {
    const c = await RawWs.open(port, "/ws", headers);
    c.destroy();
    return "open";
  } catch (err) {
    return (err as { head?: string }).head ?? String(err);
  }
}

describe("Host and Origin checks (DNS rebinding, cross-origin pages)", () => {
  it("refuses a DNS-rebinding Host on every route and on /ws with 403 FORBIDDEN_HOST naming --allow-host", async () => {
    const evil = `rebind.attacker.example:${port}`;
    let refused = 0;
    for (const r of routeRequests()) {
      const res = await rawRequest(port, { ...r, headers: { host: evil } });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(res.code).toBe("FORBIDDEN_HOST");
      expect(res.body).toContain("--allow-host rebind.attacker.example");
      refused++;
    }
    const ws = await upgrade({ host: evil });
    expect(ws).toMatch(/^HTTP\/1\.1 403/);
    expect(ws).not.toBe("open");
    refused++;
    console.log(`[reliability] host guard ${JSON.stringify({ routes: routeRequests().length, refused })}`);
  });

  it("refuses a cross-origin page on every route and on /ws with 403 FORBIDDEN_ORIGIN; no session is opened and nothing is logged", async () => {
    const before = srv.ws?.stats().activeSessions;
    // the page's attack: a no-cors POST (a Blob body has no Content-Type, so there is no preflight)
    const attack = await rawRequest(port, { method: "POST", path: "/reset", headers: { origin: "https://attacker.example" }, body: '{"seed": 1}' });
    expect(attack.status).toBe(403);
    expect(attack.code).toBe("FORBIDDEN_ORIGIN");
    expect(attack.body).toContain("--allow-origin https://attacker.example");
    for (const origin of [
      "https://attacker.example",
      "http://127.0.0.1.attacker.example",
      "null",
      "http://localhost.attacker.example:8080",
      "chrome-extension://abcdef",
    ]) {
      for (const r of routeRequests()) {
        const res = await rawRequest(port, { ...r, headers: { origin } });
        expect(res.status, `${r.method} ${r.path} from ${origin}`).toBe(403);
        expect(res.code).toBe("FORBIDDEN_ORIGIN");
      }
      expect(await upgrade({ origin }), origin).toMatch(/^HTTP\/1\.1 403/);
    }
    expect(srv.ws?.stats().activeSessions).toBe(before);
    expect(sink.ends).toEqual([]);
  });

  it("serves non-browser clients, loopback names, IP literals, loopback pages of any port and same-origin pages", async () => {
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST.:${port}`, `app.localhost:${port}`, `[::1]:${port}`, `10.1.2.3:${port}`, "127.0.0.1"];
    for (const host of hosts) {
      expect((await rawRequest(port, { path: "/healthz", headers: { host } })).status, host).toBe(200);
      expect(await upgrade({ host }), host).toBe("open");
    }
    const origins = [
      "http://localhost:5173",
      "http://127.0.0.1:8888",
      "https://127.0.0.1",
      "http://[::1]:3000",
      `http://127.0.0.1:${port}`,
      "http://notebook.localhost:8888",
    ];
    for (const origin of origins) {
      expect((await rawRequest(port, { path: "/healthz", headers: { origin } })).status, origin).toBe(200);
      expect(await upgrade({ origin }), origin).toBe("open");
    }
    // a page served by this server at a LAN address (same origin) may call it
    expect((await rawRequest(port, { path: "/healthz", headers: { host: `192.168.7.9:${port}`, origin: `http://192.168.7.9:${port}` } })).status).toBe(200);
    expect((await rawRequest(port, { path: "/healthz", headers: { host: `192.168.7.9:${port}`, origin: "http://192.168.7.9:9999" } })).status).toBe(403);
    // a page on loopback really drives an episode over /ws
    const c = await RawWs.open(port, "/ws", { origin: "http://localhost:5173" });
    c.text(JSON.stringify({ type: "reset", id: 1, data: { seed: 1 } }));
    expect(JSON.parse((await c.nextText()) ?? "null")).toMatchObject({ type: "observation", id: 1 });
    c.destroy();
  });

  it("--allow-host and --allow-origin widen the defaults", async () => {
    const wide = createServer(web, { allowHosts: ["simweb.internal", "*.corp.example"], allowOrigins: ["https://nb.corp.example"] });
    const p = (await wide.listen(0)).port;
    try {
      const get = (headers: Record<string, string>) => rawRequest(p, { path: "/healthz", headers }).then((r) => `${r.status} ${r.code ?? ""}`.trim());
      expect(await get({ host: `simweb.internal:${p}` })).toBe("200");
      expect(await get({ host: `gpu-7.corp.example:${p}` })).toBe("200");
      expect(await get({ host: `corp.example:${p}` })).toBe("403 FORBIDDEN_HOST");
      expect(await get({ origin: "https://nb.corp.example" })).toBe("200");
      expect(await get({ origin: "https://nb.corp.example:8443" })).toBe("403 FORBIDDEN_ORIGIN");
      const any = createServer(web, { allowHosts: ["*"], allowOrigins: ["*"], sessions: false });
      const q = (await any.listen(0)).port;
      expect((await rawRequest(q, { path: "/healthz", headers: { host: "anything.example", origin: "https://anywhere.example" } })).status).toBe(200);
      await any.close();
    } finally {
      await wide.close();
    }
  });
});
