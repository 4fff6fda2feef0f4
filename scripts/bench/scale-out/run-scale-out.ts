/**
 * @module One scale-out run: a generated corpus copied to three replicas (`simweb serve` in three network namespaces
 * on a veth bridge), HAProxy in a fourth, the Python load client in the root namespace (WebSocket sessions with
 * `reconnect=True` and a `/retrieve` stream through the balancer); one replica `kill -9`ed mid-run and restarted.
 * Returns the figures; the test asserts on them, `scripts/bench/scale-out.ts` prints them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildIndex, generateWorld, loadCorpus, loadTasks } from "../../../corpus-loader/index.ts";
import { LogReader } from "../../../env/trajectory/index.ts";
import { failoverFigures, type ClientReport, type FailoverFigures } from "./failover-report.ts";
import { haproxyConfig } from "./haproxy-config.ts";
import { serverStats, serverStatus, waitForStatus } from "./haproxy-stats.ts";
import { createLab, type Lab } from "./netns-lab.ts";

const REPO_ROOT = join(import.meta.dirname, "..", "..", "..");
const REPLICAS = ["r1", "r2", "r3"] as const;
/** The replica started on a changed corpus. */
const STRAY = "r4";
const PORT = 8080;

/** Options of {@link runScaleOut}. */
export interface ScaleOutOptions {
  /** Working directory (corpus, replica copies, logs, HAProxy config, the client's report). */
  dir: string;
  /** A python3 that can import websockets. */
  python: string;
  /** Concurrent WebSocket sessions of the load client (default 600). */
  sessions?: number;
  /** Pages of the generated world (default 400). */
  pages?: number;
  /** Kill the replica once the client has finished this many episodes (default: half the number of sessions). */
  killAfterEpisodes?: number;
  /** Progress lines. */
  log?: (msg: string) => void;
}

/** Figures of a run, plus its timings. */
export interface ScaleOutResult extends FailoverFigures {
  /** The lab's id (its namespaces are `sw-<id>-*`, its bridge `swb<id>`): gone when the run returns. */
  labId: string;
  killed: string;
  /** From the kill to HAProxy marking the replica DOWN (it sends it nothing new from then on). */
  msUntilMarkedDown: number;
  /** From the restarted replica listening to HAProxy marking it UP again. */
  msUntilBackUp: number;
  /** Replica start-up (corpus load) after the restart. */
  msRestart: number;
  /** HAProxy's status of the replica started on another corpus version (DOWN: kept out by the digest check). */
  otherCorpusStatus: string;
  wallSeconds: number;
  clientSeconds: number;
}

interface Replica {
  name: string;
  ip: string;
  db: string;
  proc: ChildProcess;
  listening: Promise<{ corpus_digest: string; at: number }>;
}

function startReplica(lab: Lab, name: string, db: string, logPath: string): Replica {
  const ip = lab.hosts[name]?.ip as string;
  const args = ["--import", "tsx", "scripts/cli.ts", "serve", "--db", db, "--host", ip, "--port", String(PORT), "--name", name];
  args.push("--log", logPath, "--live-interval", "0", "--max-sessions", "1200", "--max-sessions-per-client", "1200", "--shed-lag-ms", "0");
  const proc = lab.spawnIn(name, process.execPath, args, { cwd: REPO_ROOT });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const listening = new Promise<{ corpus_digest: string; at: number }>((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.includes('"listening"'));
      if (line !== undefined) resolve({ ...(JSON.parse(line) as { corpus_digest: string }), at: Date.now() });
    });
    proc.once("exit", (code, sig) => reject(new Error(`replica ${name} exited (${code ?? sig}) before listening: ${err}`)));
  });
  listening.catch(() => undefined);
  return { name, ip, db, proc, listening };
}

const exited = (p: ChildProcess): Promise<void> =>
  p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((r) => p.once("exit", () => r()));

/**
 * Runs the scale-out scenario and tears everything down (namespaces, bridge, processes), whatever happens.
 * @example
 * const r = await runScaleOut({ dir: "/tmp/so", python: "python3" });
 */
export async function runScaleOut(o: ScaleOutOptions): Promise<ScaleOutResult> {
  const t0 = Date.now();
  const say = o.log ?? (() => undefined);
  const sessions = o.sessions ?? 600;
  mkdirSync(join(o.dir, "runs"), { recursive: true });
  const corpus = join(o.dir, "corpus.duckdb");
  if (!existsSync(corpus)) {
    const world = join(o.dir, "world");
    await generateWorld({ seed: 19, pages: o.pages ?? 400, outDir: world });
    await loadCorpus(corpus, [world]);
    await loadTasks(corpus, join(world, "tasks.jsonl"));
    await buildIndex(corpus);
  }
  // the file is the whole web: a replica gets a copy of it
  const dbOf = (name: string): string => join(o.dir, `${name}.duckdb`);
  for (const r of REPLICAS) copyFileSync(corpus, dbOf(r));
  // and a fourth replica on another version of the corpus (one task more): the health check must keep it out
  copyFileSync(corpus, dbOf(STRAY));
  await loadTasks(dbOf(STRAY), writeOneTask(o.dir));
  const logOf = (name: string): string => join(o.dir, "runs", `served-${name}.duckdb`);
  const lab = createLab([...REPLICAS, STRAY, "lb"]);
  try {
    say(
      `lab ${lab.id}: bridge ${lab.bridge}, ${Object.values(lab.hosts)
        .map((h) => `${h.name}=${h.ip}`)
        .join(" ")}`,
    );
    const replicas = new Map<string, Replica>(REPLICAS.map((n) => [n, startReplica(lab, n, dbOf(n), logOf(n))]));
    const stray = startReplica(lab, STRAY, dbOf(STRAY), logOf(STRAY));
    const strayDigest = (await stray.listening).corpus_digest;
    const digests = await Promise.all([...replicas.values()].map((r) => r.listening));
    const digest = digests[0]?.corpus_digest as string;
    if (new Set(digests.map((d) => d.corpus_digest)).size !== 1) throw new Error(`replicas disagree on the corpus digest: ${JSON.stringify(digests)}`);
    const lbIp = lab.hosts.lb?.ip as string;
    const sock = join(o.dir, "haproxy.sock");
    const cfg = join(o.dir, "haproxy.cfg");
    writeFileSync(
      cfg,
      haproxyConfig({
        bind: `${lbIp}:${PORT}`,
        servers: [...REPLICAS, STRAY].map((n) => ({ name: n, addr: `${lab.hosts[n]?.ip}:${PORT}` })),
        corpusDigest: digest,
        statsSocket: sock,
      }),
    );
    const lb = lab.spawnIn("lb", "haproxy", ["-f", cfg, "-db"]);
    let lbErr = "";
    lb.stderr?.on("data", (d: Buffer) => (lbErr = (lbErr + d.toString()).slice(-4000)));
    await waitForStatus(sock, (s) => REPLICAS.every((n) => s[n] === "UP") && s[STRAY]?.startsWith("DOWN") === true, 20_000).catch((e: Error) => {
      throw new Error(`${e.message}; haproxy: ${lbErr}`);
    });
    say(`haproxy up on ${lbIp}:${PORT}, 3 replicas UP on ${digest}, ${STRAY} (on ${strayDigest}) DOWN`);

    // the load client in the root namespace
    const stopFile = join(o.dir, "stop");
    const out = join(o.dir, "client-report.json");
    const loadArgs = ["--ws", `ws://${lbIp}:${PORT}/ws`, "--http", `http://${lbIp}:${PORT}`, "--sessions", String(sessions)];
    loadArgs.push("--stop-file", stopFile, "--out", out, "--max-seconds", "150");
    const client = spawn(o.python, [join(REPO_ROOT, "clients/python/bench/failover_load.py"), ...loadArgs], {
      env: { ...process.env, PYTHONPATH: join(REPO_ROOT, "clients/python") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    client.stdout?.resume();
    let clientErr = "";
    let done = 0;
    const killAt = o.killAfterEpisodes ?? Math.ceil(sessions / 2);
    const reached = new Promise<void>((resolve) =>
      client.stderr?.on("data", (d: Buffer) => {
        clientErr = (clientErr + d.toString()).slice(-8000);
        for (const l of d.toString().split("\n")) {
          const m = /"done": (\d+)/.exec(l);
          if (m) done = Number(m[1]);
        }
        if (done >= killAt) resolve();
      }),
    );
    return await (async () => {
      const clientExit = exited(client);
      await Promise.race([reached, clientExit]);
      // kill -9 one replica mid-run
      const victim = replicas.get("r2") as Replica;
      const killedAt = Date.now();
      victim.proc.kill("SIGKILL");
      say(`killed r2 (kill -9) after ${done} episodes`);
      const downAt = await waitForStatus(sock, (s) => s.r2?.startsWith("DOWN") === true, 20_000);
      await exited(victim.proc);
      await new Promise((r) => setTimeout(r, 500));
      const restart = startReplica(lab, "r2", dbOf("r2"), logOf("r2"));
      replicas.set("r2", restart);
      const restartT = Date.now();
      const relisten = await restart.listening;
      const upAt = await waitForStatus(sock, (s) => s.r2 === "UP", 30_000);
      say(`r2 down after ${downAt - killedAt} ms, restarted in ${relisten.at - restartT} ms, UP again ${upAt - relisten.at} ms later`);
      // let the restarted replica take new sessions (on a busy machine that can take a while after UP)
      const before = (await serverStats(sock)).r2?.sessions ?? 0;
      const end = Date.now() + 30_000;
      while (Date.now() < end && ((await serverStats(sock)).r2?.sessions ?? 0) - before < 200) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1_000));
      writeFileSync(stopFile, "");
      await clientExit;
      if (client.exitCode !== 0) throw new Error(`load client exited ${client.exitCode}: ${clientErr}`);
      const report = JSON.parse(readFileSync(out, "utf8")) as ClientReport;

      const otherCorpusStatus = (await serverStatus(sock))[STRAY] ?? "?";
      for (const r of [...replicas.values(), stray]) r.proc.kill("SIGTERM");
      await Promise.all([...replicas.values(), stray].map((r) => exited(r.proc)));
      lb.kill("SIGTERM");
      const logged = await loggedEpisodes([...REPLICAS, STRAY].map(logOf));
      const figures = failoverFigures(report, logged, "r2", relisten.at);
      return {
        ...figures,
        labId: lab.id,
        killed: "r2",
        msUntilMarkedDown: downAt - killedAt,
        msUntilBackUp: upAt - relisten.at,
        msRestart: relisten.at - restartT,
        otherCorpusStatus,
        wallSeconds: (Date.now() - t0) / 1000,
        clientSeconds: report.seconds,
      };
    })().finally(() => {
      if (client.exitCode === null) client.kill("SIGKILL");
    });
  } finally {
    lab.destroy();
  }
}

function writeOneTask(dir: string): string {
  const f = join(dir, "extra-task.jsonl");
  writeFileSync(f, `${JSON.stringify({ id: "scale-out-extra", question: "Which corpus is this?", answers: ["another"] })}\n`);
  return f;
}

async function loggedEpisodes(paths: string[]): Promise<Array<{ replica: string | null; seed: number }>> {
  const r = await LogReader.open(paths);
  try {
    return (await r.finishedEpisodes()).episodes.map((e) => ({ replica: e.replica ?? null, seed: e.seed }));
  } finally {
    r.close();
  }
}
