import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCorpus, readTasks } from "../../corpus-loader/index.ts";
import { localDriver, resolveTasks, runRollouts, scriptedPolicy } from "../../env/rollout/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { progressDone, runTs, type Child } from "../helpers/child-process.ts";
import { logFingerprint } from "../helpers/log-fingerprint.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../helpers/world.ts";
import { queryLog } from "../env/rollout/log-inspect.ts";

const SOAK = process.env.SIMWEB_SOAK === "1";
const TIMEOUT = SOAK ? 3_600_000 : 180_000;
/** Rollout-process kills before the final resume (CI 2, soak 8). */
const ROLLOUT_KILLS = SOAK ? 8 : 2;
const GROUP = SOAK ? 256 : 64;
const SERVER_GROUP = 8;
const SERVE_CHILD = join(import.meta.dirname, "serve-child.ts");

const dir = useTmpDir("simweb-crash-");
let world: TestWorld;
const children: Child[] = [];

beforeAll(async () => {
  world = await makeWorld(dir, 300, 13);
});
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
});

function start(args: string[]): Child {
  const c = runTs(args);
  children.push(c);
  return c;
}

const sha = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

function rolloutArgs(out: string, group: number, extra: string[] = []): string[] {
  return [
    "scripts/cli.ts",
    "rollout",
    "--db",
    world.db,
    "--out",
    out,
    "--group-size",
    String(group),
    "--concurrency",
    "4",
    "--max-steps",
    "8",
    "--seed",
    "3",
    ...extra,
  ];
}

/** The same run, uninterrupted and in-process: what a crashed-and-resumed run must equal. */
async function cleanRun(name: string, group: number): Promise<string> {
  const h = await openCorpus(world.db, { readOnly: true });
  const tasks = resolveTasks("all", await readTasks(h.conn));
  h.close();
  const web = await SimWeb.open(world.db);
  const out = join(dir, `${name}.duckdb`);
  try {
    await runRollouts({ out, tasks, driver: localDriver(web.episodeDeps()), policy: scriptedPolicy(), groupSize: group, concurrency: 8, maxSteps: 8, seed: 3 });
  } finally {
    web.close();
  }
  return out;
}

/** Every logged `done` episode has all its steps and components; returns the number of `done` episodes. */
async function checkComplete(out: string): Promise<number> {
  const eps = await queryLog(out, `SELECT episode_id, steps, status FROM episodes`);
  const counts = await queryLog(out, `SELECT episode_id, count(*) AS n, max(idx) AS mx FROM steps GROUP BY episode_id`);
  const byId = new Map(counts.map((r) => [String(r.episode_id), r]));
  let done = 0;
  for (const e of eps) {
    if (e.status !== "done") continue;
    done++;
    const s = byId.get(String(e.episode_id));
    expect(Number(s?.n), String(e.episode_id)).toBe(Number(e.steps));
    expect(Number(s?.mx), String(e.episode_id)).toBe(Number(e.steps) - 1);
  }
  const orphans = await queryLog(out, `SELECT count(*) AS n FROM steps WHERE episode_id NOT IN (SELECT episode_id FROM episodes)`);
  expect(Number(orphans[0]?.n)).toBe(0);
  return done;
}

/** Kills `victim` with SIGKILL once a progress line of `rollout` reports more than `after` finished episodes. */
async function killMidRun(rollout: Child, victim: Child, after = 0): Promise<void> {
  await rollout.waitForLine((l) => (progressDone(l) ?? 0) > after);
  victim.proc.kill("SIGKILL");
  expect((await victim.exited).signal).toBe("SIGKILL");
}

async function startServer(): Promise<{ child: Child; url: string }> {
  const child = start([SERVE_CHILD, world.db, "20"]);
  const line = await child.waitForLine((l) => l.startsWith('{"url"'));
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

describe("kill -9 (server and rollout processes)", () => {
  it(
    "kill -9 of the WebSocket server mid-run: finished episodes are logged whole, --resume against a restarted server completes the run",
    async () => {
      const corpusSha = sha(world.db);
      const out = join(dir, "remote.duckdb");
      const first = await startServer();
      const rollout = start(rolloutArgs(out, SERVER_GROUP, ["--remote", first.url]));
      await killMidRun(rollout, first.child);
      const r = await rollout.exited;
      expect(r.code, rollout.stderr().slice(-1000)).not.toBe(0); // the run stops with an error naming the lost server
      expect(rollout.stderr()).toMatch(/cannot connect|closed|ECONNREFUSED/i);
      const before = await checkComplete(out);
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(world.tasks * SERVER_GROUP);
      expect(sha(world.db)).toBe(corpusSha); // the server never writes the corpus

      const second = await startServer();
      const resumed = start(rolloutArgs(out, SERVER_GROUP, ["--remote", second.url, "--resume"]));
      expect((await resumed.exited).code, resumed.stderr().slice(-1000)).toBe(0);
      expect(resumed.stdout()).toContain(`${before} skipped (resume)`);
      second.child.proc.kill("SIGKILL");
      await second.child.exited;
      expect(await checkComplete(out)).toBe(world.tasks * SERVER_GROUP);
      const got = await logFingerprint(out);
      expect(got.lines).toEqual((await logFingerprint(await cleanRun("clean-remote", SERVER_GROUP))).lines);
      console.log(`[reliability] server kill ${JSON.stringify({ kills: 1, episodesBeforeKill: before, episodesTotal: got.episodes })}`);
    },
    TIMEOUT,
  );

  it(
    `kill -9 of the rollout CLI ${ROLLOUT_KILLS} times: the log opens each time, simweb rollout --resume completes it byte-identically`,
    async () => {
      const out = join(dir, "cli.duckdb");
      const recovered: number[] = [];
      for (let k = 0; k < ROLLOUT_KILLS; k++) {
        const c = start(rolloutArgs(out, GROUP, k === 0 ? [] : ["--resume"]));
        await killMidRun(c, c, recovered.at(-1) ?? 0);
        const done = await checkComplete(out);
        expect(done).toBeGreaterThanOrEqual(recovered.at(-1) ?? 0);
        recovered.push(done);
      }
      expect(recovered.at(-1)).toBeLessThan(world.tasks * GROUP);
      const last = start(rolloutArgs(out, GROUP, ["--resume"]));
      expect((await last.exited).code, last.stderr().slice(-1000)).toBe(0);
      expect(last.stdout()).toContain(`${recovered.at(-1)} skipped (resume)`);
      expect(await checkComplete(out)).toBe(world.tasks * GROUP);
      const runs = await queryLog(out, `SELECT count(*) AS n FROM runs`);
      expect(Number(runs[0]?.n)).toBe(1);
      const got = await logFingerprint(out);
      expect(got.lines).toEqual((await logFingerprint(await cleanRun("clean-cli", GROUP))).lines);
      console.log(`[reliability] rollout kills ${JSON.stringify({ kills: ROLLOUT_KILLS, episodesAfterEachKill: recovered, episodesTotal: got.episodes })}`);
    },
    TIMEOUT,
  );
});
