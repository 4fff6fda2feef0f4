/**
 * @module `npm run bench:scale-out`: the scale-out scenario of docs/scale-out.md measured once (three replicas in
 * network namespaces behind HAProxy, 600 WebSocket sessions and a /retrieve stream, one replica kill -9ed and
 * restarted) and printed as a table. Needs root, iproute2, haproxy and python3-websockets.
 *
 *   npm run bench:scale-out -- [--sessions 600] [--pages 400]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { namespacesUnavailable } from "./scale-out/netns-lab.ts";
import { runScaleOut } from "./scale-out/run-scale-out.ts";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const why = namespacesUnavailable();
const python = ["python3", "/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import websockets"], { stdio: "ignore" }).status === 0);
const haproxy = spawnSync("haproxy", ["-v"], { stdio: "ignore" }).status === 0;
if (why !== null || python === undefined || !haproxy) {
  console.error(`scale-out bench not run: ${why ?? (python === undefined ? "no python3 with websockets" : "no haproxy (apt-get install haproxy)")}`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "simweb-scale-out-"));
try {
  const r = await runScaleOut({ dir, python, sessions: arg("--sessions", 600), pages: arg("--pages", 400), log: (m) => console.error(m) });
  const rows: Array<[string, string]> = [
    ["concurrent WebSocket sessions", String(r.sessions)],
    ["episodes finished", String(r.episodesFinished)],
    ["WebSocket connections opened (one per episode + reconnects)", String(r.connections)],
    [
      "episodes by replica (final reply)",
      Object.entries(r.episodesByReplica)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    ],
    ["connection losses seen by clients (handled by reconnect)", String(r.connectionLosses)],
    ["errors surfaced to the caller", String(r.errorsSurfaced)],
    ["episodes re-run from their seed", String(r.episodesRerun)],
    ["episodes lost", String(r.episodesLost)],
    ["finished episodes missing from every replica's log", String(r.missingFromLogs)],
    ["seeds replayed on different replicas / trajectory mismatches", `${r.seedsAcrossReplicas} / ${r.determinismMismatches}`],
    ["kill -9 → HAProxy marks the replica DOWN", `${r.msUntilMarkedDown} ms`],
    ["restart: corpus load until listening", `${r.msRestart} ms`],
    ["listening → HAProxy marks it UP", `${r.msUntilBackUp} ms`],
    ["episodes begun on the restarted replica", String(r.servedAfterRestart)],
    ["/retrieve requests ok / failed", `${r.retrieveOk} / ${r.retrieveErrors}`],
    [
      "/retrieve by replica (one keep-alive connection)",
      Object.entries(r.retrieveByReplica)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
    ],
    ["a replica on another corpus version: HAProxy status", r.otherCorpusStatus],
    ["load client run / whole scenario", `${r.clientSeconds.toFixed(1)} s / ${r.wallSeconds.toFixed(1)} s`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nscale-out: 3 replicas (network namespaces) behind HAProxy, kill -9 of ${r.killed} mid-run (2 cores, one machine: throughput says little)\n`);
  console.log(`| ${"what".padEnd(w)} | figure |\n| ${"-".repeat(w)} | --- |`);
  for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
