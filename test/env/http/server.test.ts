/** End-to-end tests of the HTTP server over loopback, on a small generated world. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FaultModel } from "../../../env/faults/index.ts";
import { createServer, type SimwebHttpServer } from "../../../env/http/index.ts";
import { TOOL_SCHEMAS } from "../../../env/episode/tool-schemas.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { PROTOCOL_VERSION } from "../../../env/ws/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-http-");
let web: SimWeb;
let srv: SimwebHttpServer;
let base: string;
let redirectFrom: string;
let redirectTo: string;
let pageUrl: string;

beforeAll(async () => {
  const w = await makeWorld(dir, 400);
  web = await SimWeb.open(w.db);
  srv = createServer(web);
  base = (await srv.listen(0)).url;
  for (let id = 0; id < web.pages.size; id++) {
    const p = web.pages.page(id);
    if (p.redirectTo !== null) [redirectFrom, redirectTo] = [p.url, p.redirectTo];
  }
  pageUrl = ((await web.search.search("founded", { k: 1 })).results[0] as { url: string }).url;
}, 60_000);

afterAll(async () => {
  await srv?.close();
  web?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const enc = encodeURIComponent;

/** Runs a Python script without blocking the event loop (the server runs in this process). */
function runPython(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn("python3", [script, ...args], { timeout: 20_000 });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("GET /search", () => {
  it("answers {query, total, results} with ranked results", async () => {
    const r = await fetch(`${base}/search?q=founded&k=3`);
    expect(r.status).toBe(200);
    expect(r.headers.get("x-simweb-latency-ms")).toBe("0");
    const j = (await r.json()) as { query: string; total: number; results: { rank: number; url: string; title: string; snippet: string; score: number }[] };
    expect(j.query).toBe("founded");
    expect(j.results.map((x) => x.rank)).toEqual([1, 2, 3]);
    expect(Object.keys(j.results[0] ?? {}).sort()).toEqual(["rank", "score", "snippet", "title", "url"]);
    expect(j.total).toBeGreaterThanOrEqual(3);
    const page2 = (await (await fetch(`${base}/search?q=founded&k=2&offset=2`)).json()) as typeof j;
    expect(page2.results[0]?.url).toBe(j.results[2]?.url);
  });
});

describe("GET /page", () => {
  it("serves text, markdown, html and the browser view", async () => {
    const t = await fetch(`${base}/page?url=${enc(pageUrl)}`);
    expect(t.status).toBe(200);
    expect(t.headers.get("content-type")).toMatch(/^text\/plain/);
    const id = web.pages.idOf(pageUrl);
    expect(await t.text()).toBe(`${web.pages.title(id)}\n\n${web.pages.text(id)}`);
    const md = await (await fetch(`${base}/page?format=markdown&url=${enc(pageUrl)}`)).text();
    expect(md.startsWith(`# ${web.pages.title(id)}`)).toBe(true);
    const html = await fetch(`${base}/page?format=html&url=${enc(pageUrl)}`);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await html.text()).toMatch(/<html/i);
    const b = await (await fetch(`${base}/page?format=browser&url=${enc(pageUrl)}&loc=2&num_lines=3`)).text();
    expect(b).toMatch(/^\[0\] .* \(https?:\/\/.*\)\n\*\*viewing lines \[2 - 4\] of \d+\*\*\n\nL2: /);
  });

  it("answers a JSON envelope with Accept: application/json", async () => {
    const r = await fetch(`${base}/page?format=browser&url=${enc(pageUrl)}`, { headers: { accept: "application/json" } });
    const j = (await r.json()) as { url: string; status: number; total_lines: number; links: Record<string, string>; content: string };
    expect(j.status).toBe(200);
    expect(j.url).toBe(web.pages.url(web.pages.idOf(pageUrl)));
    expect(j.total_lines).toBeGreaterThan(0);
    expect(j.content).toContain("L0: ");
  });

  it("answers 404 with a browser-like body for an unknown URL", async () => {
    const r = await fetch(`${base}/page?url=${enc("https://no-such-site.test/x")}`);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain("DNS_PROBE_FINISHED_NXDOMAIN");
    const host = new URL(pageUrl).host;
    const known = await fetch(`${base}/page?url=${enc(`https://${host}/definitely/missing`)}`);
    expect(known.status).toBe(404);
    expect(await known.text()).toContain("was not found on this server");
  });

  it("answers 301 with Location back to /page for a recorded redirect", async () => {
    expect(redirectFrom).toBeDefined();
    const r = await fetch(`${base}/page?format=markdown&url=${enc(redirectFrom)}`, { redirect: "manual" });
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe(`/page?url=${enc(redirectTo)}&format=markdown`);
    const followed = await fetch(`${base}/page?format=markdown&url=${enc(redirectFrom)}`);
    expect(followed.status).toBe(200);
    expect(followed.headers.get("x-simweb-url")).toBe(redirectTo);
  });
});

describe("GET /find", () => {
  it("returns the find results page", async () => {
    const r = await fetch(`${base}/find?url=${enc(pageUrl)}&pattern=founded`, { headers: { accept: "application/json" } });
    const j = (await r.json()) as { matches: { line: number }[]; content: string };
    expect(j.matches.length).toBeGreaterThan(0);
    expect(j.content).toContain("Find results for text: `founded`");
  });
});

describe("POST /retrieve", () => {
  it("answers Search-R1's shape with scores, and bare documents without", async () => {
    const r = await post("/retrieve", { queries: ["founded", "city population"], topk: 3, return_scores: true });
    const j = (await r.json()) as { result: { document: { id: string; contents: string; url: string }; score: number }[][] };
    expect(j.result).toHaveLength(2);
    const first = j.result[0]?.[0];
    expect(first).toBeDefined();
    const id = Number(first?.document.id);
    // the page's best passage (~100 words of its text), after its title line
    const [title, ...rest] = (first?.document.contents ?? "").split("\n");
    expect(title).toBe(`"${web.pages.title(id)}"`);
    const passage = rest.join("\n");
    expect(passage.split(" ").length).toBeLessThanOrEqual(100);
    expect(web.pages.text(id).replace(/\s+/g, " ")).toContain(passage.split(" ").slice(0, 5).join(" "));
    expect(typeof first?.score).toBe("number");
    const bare = (await (await post("/retrieve", { query: "founded", k: 2 })).json()) as { result: { id: string; contents: string }[][] };
    expect(bare.result[0]).toHaveLength(2);
    expect(bare.result[0]?.[0]?.id).toBe(first?.document.id);
    const dflt = (await (await post("/retrieve", { queries: ["founded"] })).json()) as { result: unknown[][] };
    expect(dflt.result[0]).toHaveLength(3);
    const empty = (await (await post("/retrieve", { queries: ["", "founded"], top_k: 1 })).json()) as { result: unknown[][] };
    expect(empty.result.map((x) => x.length)).toEqual([0, 1]);
  });

  it("works unchanged for verl's and SkyRL's client code (Python, stdlib)", async () => {
    const script = fileURLToPath(new URL("./fixtures/search_r1_client.py", import.meta.url));
    const r = await runPython(script, [base, "founded", "city population"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { verl: string; skyrl: string; total_results: number };
    expect(out.total_results).toBe(6);
    expect(out.verl).toMatch(/^Doc 1 \(Title: ".+"\)\n/);
    expect(out.verl.split("\n---\n")).toHaveLength(2);
    expect(out.skyrl).toMatch(/^Doc 1: ".+"\n/);
  });
});

describe("POST /access", () => {
  it("returns page contents or null, following redirects", async () => {
    const j = (await (await post("/access", { urls: [pageUrl, "https://no-such-site.test/", redirectFrom] })).json()) as {
      result: ({ url: string; contents: string } | null)[];
    };
    expect(j.result[0]?.contents).toBe(web.pages.text(web.pages.idOf(pageUrl)));
    expect(j.result[1]).toBeNull();
    expect(j.result[2]?.url).toBe(redirectTo);
  });
});

describe("POST /serper/search and /exa/*", () => {
  it("answers Serper's shape for one query and for a list", async () => {
    const one = (await (await post("/serper/search", { q: "founded", num: 5, gl: "us" })).json()) as {
      searchParameters: Record<string, unknown>;
      organic: { title: string; link: string; snippet: string; position: number }[];
    };
    expect(one.searchParameters).toMatchObject({ q: "founded", num: 5, page: 1, gl: "us", type: "search" });
    expect(one.organic).toHaveLength(5);
    expect(one.organic[0]?.position).toBe(1);
    expect(one.organic[0]?.snippet).not.toContain("**");
    const p2 = (await (await post("/serper/search", { q: "founded", num: 2, page: 2 })).json()) as typeof one;
    expect(p2.organic[0]?.link).toBe(one.organic[2]?.link);
    const many = (await (await post("/serper/search", [{ q: "founded" }, { q: "city" }])).json()) as (typeof one)[];
    expect(many).toHaveLength(2);
  });

  it("answers Exa's search and contents shapes", async () => {
    const s = (await (await post("/exa/search", { query: "founded", numResults: 3, contents: { text: { maxCharacters: 50 } } })).json()) as {
      requestId: string;
      results: { id: string; url: string; text: string; publishedDate: string | null }[];
    };
    expect(s.results).toHaveLength(3);
    expect(s.results[0]?.text.length).toBeLessThanOrEqual(50);
    expect(s.requestId).toMatch(/^[0-9a-f]{32}$/);
    const host = new URL(pageUrl).host;
    const only = (await (await post("/exa/search", { query: "founded", includeDomains: [host] })).json()) as typeof s;
    expect(only.results.every((x) => new URL(x.url).host === host)).toBe(true);
    const c = (await (await post("/exa/contents", { ids: [s.results[0]?.id, "https://no-such-site.test/"] })).json()) as {
      results: { id: string; text: string }[];
      statuses: { status: string; error?: { tag: string } }[];
    };
    expect(c.results).toHaveLength(1);
    expect(c.results[0]?.text.length).toBeGreaterThan(50);
    expect(c.statuses.map((x) => x.status)).toEqual(["success", "error"]);
    expect(c.statuses[1]?.error?.tag).toBe("CRAWL_NOT_FOUND");
  });
});

describe("GET /cdx", () => {
  it("answers JSON lines and CDX lines with exact, host and domain matching", async () => {
    const r = await fetch(`${base}/cdx?url=${enc(pageUrl)}&output=json`);
    const lines = (await r.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0] ?? {})).toEqual(["urlkey", "timestamp", "url", "mime", "status", "digest", "length", "offset", "filename"]);
    expect(lines[0]?.timestamp).toMatch(/^\d{14}$/);
    const host = new URL(pageUrl).host;
    const onHost = web.pages.size - [...Array(web.pages.size).keys()].filter((i) => new URL(web.pages.url(i)).host !== host).length;
    const h = (await (await fetch(`${base}/cdx?url=${host}&matchType=host&limit=100000`)).text()).trim().split("\n");
    expect(h).toHaveLength(onHost);
    expect(h[0]?.split(" ")).toHaveLength(9);
    const keys = h.map((l) => l.split(" ")[0] as string);
    expect([...keys].sort()).toEqual(keys);
    const parent = host.split(".").slice(-2).join(".");
    const d = (await (await fetch(`${base}/cdx?url=*.${parent}&limit=100000`)).text()).trim().split("\n");
    expect(d.length).toBeGreaterThanOrEqual(h.length);
    const none = await fetch(`${base}/cdx?url=no-such-site.test`);
    expect(none.status).toBe(404);
  });
});

describe("service routes", () => {
  it("answers /healthz, /tools.json, and an /openapi.json that documents every route", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: "ok", pages: 400, protocol_version: PROTOCOL_VERSION });
    expect(await (await fetch(`${base}/tools.json`)).json()).toEqual(TOOL_SCHEMAS);
    const spec = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { summary: string }>> };
    expect(spec.openapi).toBe("3.1.0");
    for (const r of srv.routes) {
      const [m, p] = r.split(" ") as [string, string];
      expect(spec.paths[p]?.[m.toLowerCase()]?.summary, r).not.toBe(p);
    }
  });

  it("exposes Prometheus metrics", async () => {
    await fetch(`${base}/search?q=founded`);
    const m = await (await fetch(`${base}/metrics`)).text();
    expect(m).toMatch(/^simweb_http_requests_total\{route="\/search",status="200"\} \d+$/m);
    expect(m).toMatch(/^simweb_http_request_duration_seconds_bucket\{route="\/search",le="\+Inf"\} \d+$/m);
    expect(m).toMatch(/^simweb_search_cache_hit_ratio 0?\.?\d*/m);
    expect(m).toMatch(/^simweb_active_sessions \d+$/m);
    expect(m).toContain("simweb_pages 400");
  });

  it("mounts the session HTTP mirror", async () => {
    const r = (await (await post("/reset", { seed: 1 })).json()) as { session_id: string; observation: string };
    expect(typeof r.session_id).toBe("string");
    const s = await post("/step", { session_id: r.session_id, action: { name: "search", arguments: { query: "founded" } } });
    expect(s.status).toBe(200);
    expect(((await s.json()) as { observation: string }).observation).toContain("founded");
    expect((await post("/close", { session_id: r.session_id })).status).toBe(200);
  });
});

describe("bad input", () => {
  const cases: [string, () => Promise<Response>, number, string][] = [
    ["unknown route", () => fetch(`${base}/nope`), 404, "NOT_FOUND"],
    ["wrong method", () => fetch(`${base}/search?q=a`, { method: "POST" }), 405, "METHOD_NOT_ALLOWED"],
    ["missing q", () => fetch(`${base}/search`), 400, "VALIDATION_ERROR"],
    ["unknown parameter", () => fetch(`${base}/search?q=a&kk=3`), 400, "UNKNOWN_PARAMETER"],
    ["k out of bounds", () => fetch(`${base}/search?q=a&k=1000`), 400, "VALIDATION_ERROR"],
    ["k not an integer", () => fetch(`${base}/search?q=a&k=2.5`), 400, "VALIDATION_ERROR"],
    ["query too long", () => fetch(`${base}/search?q=${"a".repeat(3000)}`), 400, "VALIDATION_ERROR"],
    ["request target too long", () => fetch(`${base}/search?q=${"a".repeat(9000)}`), 414, "URI_TOO_LONG"],
    ["file:// URL", () => fetch(`${base}/page?url=${enc("file:///etc/passwd")}`), 400, "BAD_URL"],
    ["javascript: URL", () => fetch(`${base}/page?url=${enc("javascript:alert(1)")}`), 400, "BAD_URL"],
    ["control characters", () => fetch(`${base}/page?url=${enc("https://a.test/\u0000x")}`), 400, "BAD_URL"],
    ["bad format", () => fetch(`${base}/page?url=a.test&format=pdf`), 400, "VALIDATION_ERROR"],
    ["loc without browser", () => fetch(`${base}/page?url=a.test&loc=3`), 400, "VALIDATION_ERROR"],
    ["malformed JSON", () => post("/retrieve", "{queries: [}"), 400, "INVALID_JSON"],
    ["empty body", () => post("/retrieve", ""), 400, "INVALID_JSON"],
    ["body not an object", () => post("/retrieve", "[1,2]"), 400, "VALIDATION_ERROR"],
    ["unknown field", () => post("/retrieve", { queries: ["a"], topk: 3, foo: 1 }), 400, "UNKNOWN_PARAMETER"],
    ["queries not strings", () => post("/retrieve", { queries: [1] }), 400, "VALIDATION_ERROR"],
    ["topk out of bounds", () => post("/retrieve", { queries: ["a"], topk: 101 }), 400, "VALIDATION_ERROR"],
    ["two topk aliases", () => post("/retrieve", { queries: ["a"], topk: 3, k: 4 }), 400, "VALIDATION_ERROR"],
    ["too many queries", () => post("/retrieve", { queries: Array(10_001).fill("a") }), 400, "VALIDATION_ERROR"],
    ["response over the size bound", () => post("/retrieve", { queries: Array(10_000).fill("a"), topk: 100 }), 400, "RESPONSE_TOO_LARGE"],
    [
      "wrong media type",
      () => fetch(`${base}/retrieve`, { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    ["body too large", () => post("/retrieve", { queries: ["x".repeat(9_000_000)] }), 413, "PAYLOAD_TOO_LARGE"],
    ["bad access URL", () => post("/access", { urls: ["ftp://a.test/x"] }), 400, "BAD_URL"],
    ["serper unknown field", () => post("/serper/search", { q: "a", bogus: 1 }), 400, "UNKNOWN_PARAMETER"],
    ["exa contents without urls", () => post("/exa/contents", {}), 400, "VALIDATION_ERROR"],
    ["cdx bad matchType", () => fetch(`${base}/cdx?url=a.test&matchType=regex`), 400, "VALIDATION_ERROR"],
    ["bad step header", () => fetch(`${base}/search?q=a`, { headers: { "x-simweb-step": "-1" } }), 200, ""],
  ];
  for (const [name, run, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const r = await run();
      expect(r.status).toBe(status);
      if (code === "") return;
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
      const j = (await r.json()) as { error: { code: string; message: string } };
      expect(j.error.code).toBe(code);
      expect(j.error.message.length).toBeGreaterThan(5);
    });
  }

  it("405 carries Allow", async () => {
    const r = await fetch(`${base}/retrieve`);
    expect(r.headers.get("allow")).toBe("POST");
  });
});

describe("token auth", () => {
  it("requires the bearer token (or X-API-KEY) on every route", async () => {
    const t = createServer(web, { token: "s3cret", sessions: false });
    const u = (await t.listen(0)).url;
    try {
      for (const path of ["/healthz", "/search?q=a", "/metrics", "/nope"]) {
        const r = await fetch(u + path);
        expect(r.status).toBe(401);
        expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
      }
      expect((await fetch(`${u}/healthz`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
      expect((await fetch(`${u}/healthz`, { headers: { authorization: "Bearer s3cret" } })).status).toBe(200);
      expect((await fetch(`${u}/search?q=a`, { headers: { "x-api-key": "s3cret" } })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe("seeded faults", () => {
  async function sample(seed: number): Promise<string[]> {
    const f = createServer(web, { faults: FaultModel.from("harsh"), faultSeed: seed, sessions: false });
    const u = (await f.listen(0)).url;
    const out: string[] = [];
    try {
      for (let i = 0; i < 40; i++) {
        const r = await fetch(`${u}/page?url=${enc(pageUrl)}`, { headers: { "x-simweb-episode": "ep-1" } });
        const body = await r.text();
        out.push(`${r.status} ${r.headers.get("x-simweb-latency-ms")} ${r.headers.get("x-simweb-fault") ?? "-"} ${body.length}`);
      }
    } finally {
      await f.close();
    }
    return out;
  }

  it("gives the same faults for the same seed and others for another seed", async () => {
    const a = await sample(5);
    expect(await sample(5)).toEqual(a);
    expect(await sample(6)).not.toEqual(a);
    const statuses = new Set(a.map((l) => l.split(" ")[0]));
    expect(statuses.size).toBeGreaterThan(1);
    expect(a.every((l) => Number(l.split(" ")[1]) > 0)).toBe(true);
  });

  it("uses X-Simweb-Step as the draw step", async () => {
    const f = createServer(web, { faults: FaultModel.from("harsh"), faultSeed: 1, sessions: false });
    const u = (await f.listen(0)).url;
    try {
      const h = { "x-simweb-episode": "e", "x-simweb-step": "7" };
      const one = await fetch(`${u}/search?q=founded`, { headers: h });
      const two = await fetch(`${u}/search?q=founded`, { headers: h });
      expect(two.headers.get("x-simweb-latency-ms")).toBe(one.headers.get("x-simweb-latency-ms"));
      expect(two.status).toBe(one.status);
      const d = FaultModel.from("harsh").draw({ seed: 1, episode: "e", step: 7, route: "search" });
      expect(one.headers.get("x-simweb-latency-ms")).toBe(String(d.latencyMs));
      const bad = await fetch(`${u}/search?q=a`, { headers: { "x-simweb-step": "-1" } });
      expect(bad.status).toBe(400);
    } finally {
      await f.close();
    }
  });
});
