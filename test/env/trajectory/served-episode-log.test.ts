import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readLog, ServedEpisodeLog } from "../../../env/trajectory/index.ts";
import { createServer } from "../../../env/http/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { createUiHandler } from "../../../env/ui/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

const dir = useTmpDir();
let db = "";
beforeAll(async () => {
  db = (await makeWorld(dir, 400, 21)).db;
});

function rpc(ws: WebSocket, msg: unknown): Promise<{ type: string; data: Record<string, unknown> }> {
  return new Promise((resolve) => {
    ws.once("message", (raw) => resolve(JSON.parse(String(raw))));
    ws.send(JSON.stringify(msg));
  });
}

describe("ServedEpisodeLog", () => {
  it("logs every episode a remote client plays, server-side, and the viewer mounted at /ui shows the run", async () => {
    const logPath = join(dir, "runs", "served.duckdb");
    const web = await SimWeb.open(db);
    const sink = await ServedEpisodeLog.open(logPath, { corpus: db });
    const srv = createServer(web, { episodeSink: sink });
    const { url } = await srv.listen(0);
    const ws = new WebSocket(url.replace("http", "ws") + "/ws");
    await new Promise((r) => ws.once("open", r));
    const taskIds: string[] = [];
    for (const seed of [1, 2]) {
      const reset = await rpc(ws, { type: "reset", data: { seed } });
      taskIds.push(String((reset.data.info as { task_id: string }).task_id));
      await rpc(ws, { type: "step", data: { name: "search", arguments: { query: "history" } } });
      const end = await rpc(ws, { type: "step", data: { name: "answer", arguments: { answer: "no idea" } } });
      expect(end.data.done).toBe(true);
    }
    // a third episode the client abandons mid-way: closed and logged when the socket goes
    await rpc(ws, { type: "reset", data: { seed: 3 } });
    await rpc(ws, { type: "step", data: { name: "search", arguments: { query: "museum" } } });
    ws.close();
    await srv.close();
    await sink.close();
    web.close();
    const log = await readLog(logPath);
    const done = log.episodes.filter((e) => e.policy === "remote").sort((a, b) => a.episodeId.localeCompare(b.episodeId));
    expect(done.map((e) => e.episodeId.replace(/^.*\./, ""))).toEqual(["1", "2"]);
    expect(done.map((e) => e.taskId)).toEqual(taskIds);
    expect(done.map((e) => e.steps.length)).toEqual([2, 2]);
    expect(done[0]?.finalAnswer).toBe("no idea");
    // the abandoned third episode is logged too (status closed), and survives reopening the log
    const reopened = await ServedEpisodeLog.open(logPath, { corpus: db });
    await reopened.close();
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const inst = await DuckDBInstance.create(logPath, { access_mode: "READ_ONLY" });
    const c = await inst.connect();
    const rows = (await c.runAndReadAll("SELECT status, count(*) AS n FROM episodes GROUP BY 1 ORDER BY 1")).getRowObjectsJS();
    c.closeSync();
    inst.closeSync();
    expect(rows.map((r) => [r.status, Number(r.n)])).toEqual([
      ["closed", 1],
      ["done", 2],
    ]);

    const ui = createUiHandler({ runPath: logPath, corpusPath: db, pageLinkBase: "/page" });
    const web2 = await SimWeb.open(db);
    const srv2 = createServer(web2, { ui });
    const r = await srv2.listen(0);
    try {
      const page = await fetch(`${r.url}/ui/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      const meta = await fetch(`${r.url}/ui/api/meta`);
      expect(meta.status).toBe(200);
      expect((await fetch(`${r.url}/search?q=history`)).status).toBe(200);
    } finally {
      await srv2.close();
      ui.close();
      web2.close();
    }
  });
});
