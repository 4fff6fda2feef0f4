import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { namespacesUnavailable } from "../../scripts/bench/scale-out/netns-lab.ts";
import { runScaleOut } from "../../scripts/bench/scale-out/run-scale-out.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";

/** Why the scenario cannot run here (no namespaces, no haproxy, no python3 with websockets), or null. */
function missing(): { why: string | null; python: string | null } {
  const python = ["python3", "/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import websockets"], { stdio: "ignore" }).status === 0) ?? null;
  const why =
    namespacesUnavailable() ??
    (spawnSync("haproxy", ["-v"], { stdio: "ignore" }).status !== 0 ? "no haproxy (apt-get install haproxy)" : null) ??
    (python === null ? "no python3 that can import websockets (apt-get install python3-websockets)" : null);
  return { why, python };
}

const { why, python } = missing();
if (why !== null) console.warn(`SKIPPED scale-out test (replicas in network namespaces behind HAProxy): ${why}`);
const dir = useTmpDir("simweb-scale-out-");

describe.skipIf(why !== null)("scale-out: three replicas in network namespaces behind HAProxy, one kill -9ed mid-run", () => {
  it("loses no episode, gives the same trajectory for a seed on any replica, and keeps a replica on another corpus out", async () => {
    const r = await runScaleOut({ dir, python: python as string, sessions: 600 });
    console.log(`[reliability] scale-out ${JSON.stringify(r)}`);
    // nothing lost: every episode finished (first time or re-run from its seed), and each is in its replica's log
    expect(r.episodesFinished).toBeGreaterThanOrEqual(600);
    expect(r.errorsSurfaced).toBe(0);
    expect(r.missingFromLogs).toBe(0);
    expect(r.episodesLost).toBe(0);
    // the kill did cut live sessions, and the reconnecting client re-ran what it cut
    expect(r.connectionLosses).toBeGreaterThan(0);
    expect(r.episodesRerun).toBeGreaterThan(0);
    // determinism across replicas: seeds that finished on different replicas had one trajectory
    expect(r.seedsAcrossReplicas).toBeGreaterThan(0);
    expect(r.determinismMismatches).toBe(0);
    // the balancer: took the dead replica out, the restarted one back in, and spread /retrieve per request
    expect(r.msUntilMarkedDown).toBeGreaterThan(0);
    expect(r.servedAfterRestart).toBeGreaterThan(0);
    expect(r.retrieveOk).toBeGreaterThan(0);
    expect(r.retrieveMaxReplicasOnOneConnection).toBeGreaterThan(1);
    expect(Object.keys(r.retrieveByReplica).sort()).toEqual(["r1", "r2", "r3"]);
    // one corpus served; the replica on another version was kept DOWN by the digest check and served nothing
    expect(r.digests).toHaveLength(1);
    expect(r.otherCorpusStatus).toMatch(/^DOWN/);
    expect(Object.keys(r.episodesByReplica).sort()).toEqual(["r1", "r2", "r3"]);
    // the lab is gone: namespaces and bridge of this run
    expect(spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout).not.toContain(`sw-${r.labId}-`);
    expect(spawnSync("ip", ["link", "show", `swb${r.labId}`], { encoding: "utf8" }).status).not.toBe(0);
  }, 240_000);
});
