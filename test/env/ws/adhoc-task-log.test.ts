/** End-to-end: ad-hoc tasks over real WebSocket and HTTP-mirror sessions on loopback never log under a corpus task id. */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readLog, ServedEpisodeLog } from "../../../env/trajectory/index.ts";
import { createServer } from "../../../env/http/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

type Reply = { type: string; data: Record<string, unknown> & { info?: Record<string, unknown> } };

const dir = useTmpDir("simweb-adhoc-");
let db = "";
beforeAll(async () => {
  db = (await makeWorld(dir, 200, 5)).db;
}, 60_000);

function rpc(ws: WebSocket, msg: unknown): Promise<Reply> {
  return new Promise((resolve) => {
    ws.once("message", (raw) => resolve(JSON.parse(String(raw)) as Reply));
    ws.send(JSON.stringify(msg));
  });
}

describe("served ad-hoc tasks", () => {
  it("log under adhoc: ids, not the corpus task id the client chose (WebSocket and HTTP mirror)", async () => {
    const logPath = join(dir, "runs", "served.duckdb");
    const web = await SimWeb.open(db);
    const sink = await ServedEpisodeLog.open(logPath, { corpus: db });
    const srv = createServer(web, { episodeSink: sink });
    const { url } = await srv.listen(0);
    const realId = web.tasks.list()[0]?.id ?? "";
    expect(realId).not.toBe("");
    const forged = { id: realId, question: "What is 2 + 2?", answers: ["4"] };
    const ws = new WebSocket(url.replace("http", "ws") + "/ws");
    await new Promise((r) => ws.once("open", r));
    try {
      const real = await rpc(ws, { type: "reset", data: { task_id: realId } });
      expect(real.data.info?.task_id).toBe(realId);
      await rpc(ws, { type: "step", data: { name: "answer", arguments: { answer: "no idea" } } });

      const ad = await rpc(ws, { type: "reset", data: { options: { task: forged } } });
      expect(ad.data.info?.task_id).toBe(`adhoc:${realId}`);
      const end = await rpc(ws, { type: "step", data: { name: "answer", arguments: { answer: "4" } } });
      expect(end.data.reward).toBeGreaterThan(0); // the self-chosen answer scores

      const post = async (path: string, body: unknown): Promise<Record<string, unknown>> =>
        (await (await fetch(url + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as Record<
          string,
          unknown
        >;
      const hr = await post("/reset", { options: { task: forged } });
      expect((hr.info as Record<string, unknown>).task_id).toBe(`adhoc:${realId}`);
      const hs = await post("/step", { session_id: hr.session_id, action: { name: "answer", arguments: { answer: "4" } } });
      expect(hs.reward).toBe(end.data.reward);
      const anon = await post("/reset", { session_id: hr.session_id, options: { task: { question: "Capital of Peru?", answers: ["Lima"] } } });
      expect(String((anon.info as Record<string, unknown>).task_id)).toMatch(/^adhoc:[0-9a-f]{16}$/);
      await post("/step", { session_id: hr.session_id, action: { name: "answer", arguments: { answer: "Lima" } } });
    } finally {
      ws.close();
      await srv.close();
      await sink.close();
      web.close();
    }
    const log = await readLog(logPath);
    const rows = log.episodes.map((e) => [e.taskId, e.reward > 0, e.finalAnswer]);
    expect(rows).toHaveLength(4);
    // the only episode logged under the corpus task's id is the one that really ran it
    expect(rows.filter(([id]) => id === realId)).toEqual([[realId, false, "no idea"]]);
    expect(rows.filter(([id]) => id === `adhoc:${realId}`)).toEqual([
      [`adhoc:${realId}`, true, "4"],
      [`adhoc:${realId}`, true, "4"],
    ]);
  }, 60_000);
});
