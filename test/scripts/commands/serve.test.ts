import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTs, type Child } from "../../helpers/child-process.ts";
import { rawRequest } from "../../helpers/raw-http.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-cli-serve-");
let db = "";

beforeAll(async () => {
  db = (await makeWorld(dir, 300, 41)).db;
});

/** Starts `simweb serve` on a free port and resolves with its port once it listens. */
async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: Child; port: number }> {
  const child = runTs(["scripts/cli.ts", "serve", "--db", db, "--port", "0", ...args], env);
  const line = await child.waitForLine((l) => l.includes('"msg":"listening"'));
  const port = Number(new URL((JSON.parse(line) as { url: string }).url).port);
  return { child, port };
}

async function stop(child: Child): Promise<void> {
  child.proc.kill("SIGTERM");
  expect((await child.exited).code).toBe(0);
}

describe("serve command: token and Host flags", () => {
  let child: Child;
  let port = 0;
  beforeAll(async () => {
    ({ child, port } = await serve(["--allow-host", "simweb.internal", "--max-sessions-per-client", "2"], { SIMWEB_TOKEN: "env-secret-7" }));
  }, 120_000);
  afterAll(async () => stop(child));

  it("reads the token from SIMWEB_TOKEN, so it is not on the command line", async () => {
    expect((await rawRequest(port, { path: "/healthz" })).status).toBe(401);
    expect((await rawRequest(port, { path: "/healthz", headers: { authorization: "Bearer env-secret-7" } })).status).toBe(200);
    expect((await rawRequest(port, { path: "/healthz?token=env-secret-7" })).status).toBe(200);
    const cmdline = readFileSync(`/proc/${child.proc.pid}/cmdline`, "utf8");
    expect(cmdline).toContain("serve");
    expect(cmdline).not.toContain("env-secret-7");
  });

  it("passes --allow-host and --max-sessions-per-client to the server", async () => {
    const auth = { authorization: "Bearer env-secret-7" };
    expect((await rawRequest(port, { path: "/healthz", headers: { ...auth, host: "simweb.internal:80" } })).status).toBe(200);
    const other = await rawRequest(port, { path: "/healthz", headers: { ...auth, host: "other.internal" } });
    expect(other.status).toBe(403);
    expect(other.code).toBe("FORBIDDEN_HOST");
    const reset = () => rawRequest(port, { method: "POST", path: "/reset", headers: { ...auth, "content-type": "application/json" }, body: "{}" });
    expect((await reset()).status).toBe(200);
    expect((await reset()).status).toBe(200);
    expect((await reset()).status).toBe(429);
  });
});

describe("serve command: --token", () => {
  it("warns that a token on the command line is visible in ps", async () => {
    const { child, port } = await serve(["--token", "cli-secret"]);
    try {
      expect((await rawRequest(port, { path: "/healthz", headers: { "x-api-key": "cli-secret" } })).status).toBe(200);
      expect(child.stderr()).toMatch(/--token is visible .* SIMWEB_TOKEN/);
    } finally {
      await stop(child);
    }
  }, 120_000);
});
