import { spawn, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type SimwebHttpServer } from "../../../env/http/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";
import { startServer, type TestServer } from "./harness.ts";

const clientDir = fileURLToPath(new URL("../../../clients/python/", import.meta.url));

/** The first Python that can import websockets: $SIMWEB_PYTHON, python3, then Debian's /usr/bin/python3. */
function findPython(): string | null {
  const candidates = [process.env.SIMWEB_PYTHON, "python3", "/usr/bin/python3"].filter((p): p is string => !!p);
  for (const py of candidates) {
    const r = spawnSync(py, ["-c", "import websockets"], { stdio: "ignore" });
    if (r.status === 0) return py;
  }
  return null;
}

const python = findPython();
if (python === null) {
  console.warn("SKIPPED python client tests: no python3 can `import websockets` (apt-get install python3-websockets)");
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: clientDir, env: { ...process.env, ...env } });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (out += d.toString()));
    p.on("close", (code) => resolve({ code, out }));
  });
}

const dir = useTmpDir("simweb-python-");

describe.skipIf(python === null)("simweb_client (Python) against a live server", () => {
  let srv: TestServer;
  let web: SimWeb;
  let world: SimwebHttpServer;
  let worldUrl = "";
  // a second replica of the same corpus (a copy of the file), for the reconnect tests (test_reconnect.py)
  let web2: SimWeb;
  let world2: SimwebHttpServer;
  let worldUrl2 = "";
  beforeAll(async () => {
    srv = await startServer();
    // the vector env, verl and verifiers tests: the real server on the generated world, with room for 256 episodes on one connection
    const { db } = await makeWorld(dir, 400, 11);
    web = await SimWeb.open(db, { replica: "py-a" });
    world = createServer(web, { maxSessions: 600, maxSessionsPerClient: 600, maxEnvsPerConnection: 256, shed: false });
    worldUrl = `${(await world.listen(0)).url.replace("http://", "ws://")}/ws`;
    const copy = join(dir, "replica-b.duckdb");
    copyFileSync(db, copy);
    web2 = await SimWeb.open(copy, { replica: "py-b" });
    world2 = createServer(web2, { shed: false });
    worldUrl2 = `${(await world2.listen(0)).url.replace("http://", "ws://")}/ws`;
  }, 120_000);
  afterAll(async () => {
    await srv.close();
    await world?.close();
    web?.close();
    await world2?.close();
    web2?.close();
  });

  it("passes its unittest suite", async () => {
    const r = await run(python as string, ["-m", "unittest", "discover", "-s", "tests", "-v"], {
      SIMWEB_URL: srv.url,
      SIMWEB_WORLD_URL: worldUrl,
      SIMWEB_WORLD_URL_2: worldUrl2,
      PYTHONPATH: clientDir,
    });
    if (r.code !== 0) console.error(r.out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Ran \d+ tests/);
    expect(r.out).not.toMatch(/skipped/);
    // the client's episodes were logged by the server (16 from the example alone)
    expect(srv.sink.ends.length).toBeGreaterThanOrEqual(16);
    // SimWebToolEnv.answer(answer, citations) reached the episode (test_trl.py), so the citation reward can see them
    const cited = srv.sink.ends.flatMap((e) => e.trajectory.steps).filter((s) => s.action?.name === "answer" && s.action.arguments.citations !== undefined);
    expect(cited.map((s) => s.action?.arguments.citations)).toContainEqual(["https://beta.example/"]);
  }, 300_000);
});
