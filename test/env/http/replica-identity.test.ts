import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createServer, type SimwebHttpServer } from "../../../env/http/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { LogReader, ServedEpisodeLog } from "../../../env/trajectory/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-replica-");
let web: SimWeb;
let sink: ServedEpisodeLog;
let srv: SimwebHttpServer;
let base = "";
const logPath = join(dir, "runs", "served-r7.duckdb");

beforeAll(async () => {
  const { db } = await makeWorld(dir, 300, 9);
  web = await SimWeb.open(db, { replica: "replica-7" });
  sink = await ServedEpisodeLog.open(logPath, { corpus: db }, { identity: web.identity, live: false });
  srv = createServer(web, { episodeSink: sink });
  base = (await srv.listen(0)).url;
}, 120_000);
afterAll(async () => {
  await srv?.close();
  await sink?.close();
  web?.close();
});

function rpc(ws: WebSocket, msg: unknown): Promise<{ type: string; data: Record<string, unknown> }> {
  return new Promise((resolve) => {
    ws.once("message", (raw) => resolve(JSON.parse(String(raw))));
    ws.send(JSON.stringify(msg));
  });
}

describe("replica identity", () => {
  it("is on every HTTP response (routes, errors, 404s) and on /healthz", async () => {
    const digest = web.identity.corpusDigest;
    for (const [path, init, status] of [
      ["/search?q=history", {}, 200],
      ["/healthz", {}, 200],
      ["/no-such-route", {}, 404],
      ["/search?k=0", {}, 400],
      ["/retrieve", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ queries: ["history"], topk: 1 }) }, 200],
    ] as const) {
      const r = await fetch(base + path, init);
      expect(r.status, path).toBe(status);
      expect(r.headers.get("x-simweb-replica"), path).toBe("replica-7");
      expect(r.headers.get("x-simweb-corpus-digest"), path).toBe(digest);
      await r.arrayBuffer();
    }
    const h = (await (await fetch(`${base}/healthz`)).json()) as Record<string, unknown>;
    expect(h).toMatchObject({ status: "ok", replica: "replica-7", corpus_digest: digest });
  });

  it("with an expected corpus digest, /healthz answers 503 wrong_corpus on another one (and 200 on it)", async () => {
    for (const [expect_, status, state] of [
      ["sha256:0000000000000000", 503, "wrong_corpus"],
      [web.identity.corpusDigest, 200, "ok"],
    ] as const) {
      const other = createServer(web, { sessions: false, expectCorpusDigest: expect_ });
      const url = (await other.listen(0)).url;
      try {
        const r = await fetch(`${url}/healthz`);
        expect(r.status).toBe(status);
        const body = (await r.json()) as Record<string, unknown>;
        expect(body).toMatchObject({ status: state, corpus_digest: web.identity.corpusDigest });
        if (status === 503) expect(body.warning).toBe(`serving corpus ${web.identity.corpusDigest}, expected sha256:0000000000000000`);
      } finally {
        await other.close();
      }
    }
  });

  it("is on the WebSocket upgrade and in the reset info, and on every logged episode row", async () => {
    const ws = new WebSocket(base.replace("http", "ws") + "/ws");
    const upgraded = new Promise<Record<string, string | string[] | undefined>>((resolve) => ws.once("upgrade", (res) => resolve(res.headers)));
    await new Promise((r) => ws.once("open", r));
    const upgrade = await upgraded;
    expect(upgrade["x-simweb-replica"]).toBe("replica-7");
    expect(upgrade["x-simweb-corpus-digest"]).toBe(web.identity.corpusDigest);
    const reset = await rpc(ws, { type: "reset", data: { seed: 3 } });
    expect(reset.data.info).toMatchObject({ replica: "replica-7", corpus_digest: web.identity.corpusDigest });
    const end = await rpc(ws, { type: "step", data: { name: "answer", arguments: { answer: "x" } } });
    expect(end.data.done).toBe(true);
    ws.close();
    await sink.close();
    const reader = await LogReader.open(logPath);
    try {
      const { episodes } = await reader.finishedEpisodes();
      expect(episodes).toHaveLength(1);
      expect(episodes[0]).toMatchObject({ replica: "replica-7", corpusDigest: web.identity.corpusDigest, seed: 3 });
      expect(episodes[0]?.episodeId.startsWith("replica-7/")).toBe(true);
    } finally {
      reader.close();
    }
  });
});
