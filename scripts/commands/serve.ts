/** @module `simweb serve`: the HTTP + WebSocket server over a corpus file, optionally on several cores (node:cluster). */
import cluster from "node:cluster";
import { InvalidArgumentError } from "commander";
import { REPLICA_NAME_RE } from "../../core/index.ts";
import { createServer, processPeers, relayBatchMessage, type RelayWorker } from "../../env/http/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { ServedEpisodeLog } from "../../env/trajectory/index.ts";
import { createUiHandler } from "../../env/ui/index.ts";
import { simWebOptions } from "./rollout.ts";
import { intOption, LIVE_INTERVAL_OPTION, liveOption, type CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";

/** Options of {@link serve}, as parsed from the command line. */
export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  /** This replica's name on every response, reset info and logged episode (default: the host name). */
  name?: string;
  /** The corpus digest this replica must serve: another one makes /healthz answer 503 `wrong_corpus`. */
  expectCorpusDigest?: string;
  faults: string;
  seed: string;
  realLatency: boolean;
  /** Token(s), comma-separated; the command reads `SIMWEB_TOKEN` when `--token` is not given. */
  token?: string;
  workers: number;
  maxSessions: number;
  /** Most MCP sessions on /mcp (default 64). */
  maxMcpSessions?: number;
  /** Most sessions per remote address (default: maxSessions − defaultReserve(maxSessions)). */
  maxSessionsPerClient?: number;
  /** Most sessions per token (default: as per client with several tokens, else no limit). */
  maxSessionsPerToken?: number;
  /** Most env_ids one WebSocket connection may drive (default 64). */
  maxEnvsPerConnection?: number;
  /** Extra `Host` names served (DNS-rebinding guard); extra browser origins allowed. */
  allowHost?: string[];
  allowOrigin?: string[];
  /** A WebSocket connection that has not reset an episode this long after opening is closed (default 30,000 ms). */
  unusedTimeoutMs?: number;
  /** Admission control: shed new work above this event-loop lag (ms; 0 off) or this many requests in flight (0 off). */
  shedLagMs?: number;
  maxInFlight?: number;
  html: "lazy" | "memory" | "none";
  /** Most queries in one /retrieve batch (default 10,000). */
  maxBatch?: number;
  /** /retrieve documents: the best ~100-word passage of each page (default) or the page text. */
  retrieveUnit?: "passage" | "page";
  /** /retrieve faults: in-band results (default) or HTTP statuses. */
  batchFaults?: "in-band" | "http";
  /** Trajectory log of the episodes served (WebSocket + mirror); with workers, one file per worker. */
  log?: string;
  /** Tasks from this file instead of the corpus's. */
  taskFile?: string;
  /** Serve an index older than the last load (warned on /healthz) instead of refusing. */
  allowStaleIndex?: boolean;
  /** Seconds between live snapshots of the log (0: off; default 2). */
  liveInterval?: number;
  /** Run logs to show in the viewer at /ui (the first in every view; all of them on its compare page). */
  run?: string[];
  rubric?: string;
  judgeUrl?: string;
  judgeModel?: string;
  judgeApiKey?: string;
  judgeCache?: string;
}

/** The `serve` command. */
export const serveCommand: CommandSpec = {
  name: "serve",
  description: "serve the corpus over HTTP (search, pages, Search-R1 /retrieve, Serper, Exa, CDX, metrics) and WebSocket (/ws)",
  options: [
    { flags: "--db <path>", description: "corpus DuckDB file (loaded and indexed)", required: true },
    { flags: "--port <n>", description: "TCP port (0 picks a free one)", default: 8080, parse: port },
    { flags: "--host <host>", description: "interface to bind (use 0.0.0.0 to expose beyond this machine)", default: "127.0.0.1" },
    {
      flags: "--name <name>",
      description:
        "this replica's name, sent with the corpus digest on every response (X-Simweb-Replica), /healthz, reset infos and logged episodes (default: the host name)",
      parse: replicaName,
    },
    {
      flags: "--expect-corpus-digest <digest>",
      description:
        "the corpus digest (sha256:<16 hex>) every replica must serve: on another one /healthz answers 503 wrong_corpus, so a balancer's health check takes this replica out",
      parse: digestOption,
    },
    { flags: "--faults <profile>", description: "fault profile: none, mild, harsh or a JSON file", default: "none" },
    { flags: "--seed <seed>", description: "seed of the fault draws", default: "0" },
    { flags: "--real-latency", description: "really sleep the simulated latency (default: only report it)", default: false },
    {
      flags: "--token <tokens>",
      description:
        "require a token on every route and /ws (Authorization: Bearer, X-API-KEY or ?token=); comma-separated for several clients. " +
        "Default: $SIMWEB_TOKEN, which keeps the token out of ps",
    },
    {
      flags: "--allow-host <names>",
      description:
        "also serve these Host names (comma-separated, repeatable; *.example.com, * for any); by default only loopback names, IP literals and --host (DNS-rebinding guard)",
      parse: listOption,
    },
    {
      flags: "--allow-origin <origins>",
      description: "also let browser pages of these origins in (e.g. https://nb.example.com; * for any); by default only loopback and the bound address",
      parse: listOption,
    },
    { flags: "--workers <n>", description: "processes serving the same port (each loads the corpus)", default: 1, parse: intOption("--workers", 1) },
    { flags: "--max-sessions <n>", description: "episode capacity per process (WebSocket + HTTP mirror)", default: 256, parse: intOption("--max-sessions", 1) },
    {
      flags: "--max-mcp-sessions <n>",
      description: "MCP sessions on /mcp per process (each plays one episode at a time)",
      default: 64,
      parse: intOption("--max-mcp-sessions", 1),
    },
    {
      flags: "--max-sessions-per-client <n>",
      description: "most sessions one remote address may hold (default: --max-sessions minus 1/32 of it, at most 16, kept for other clients)",
      parse: intOption("--max-sessions-per-client", 1),
    },
    {
      flags: "--max-sessions-per-token <n>",
      description: "most sessions one token may hold (default: as per client with several tokens, else no limit)",
      parse: intOption("--max-sessions-per-token", 1),
    },
    {
      flags: "--max-envs-per-connection <n>",
      description: "most episodes (env_ids) one WebSocket connection may multiplex",
      default: 64,
      parse: intOption("--max-envs-per-connection", 1),
    },
    {
      flags: "--unused-timeout-ms <ms>",
      description: "close a WebSocket connection that has not reset an episode this long after opening",
      default: 30_000,
      parse: intOption("--unused-timeout-ms", 1),
    },
    {
      flags: "--shed-lag-ms <ms>",
      description: "admission control: answer new work 429 + Retry-After while the event loop lags this much (0: off)",
      default: 1_000,
      parse: intOption("--shed-lag-ms", 0),
    },
    {
      flags: "--max-in-flight <n>",
      description: "admission control: answer 429 + Retry-After above this many HTTP requests in flight (0: off)",
      default: 4_096,
      parse: intOption("--max-in-flight", 0),
    },
    { flags: "--max-batch <n>", description: "most queries in one /retrieve batch", default: 10_000, parse: intOption("--max-batch", 1) },
    {
      flags: "--retrieve-unit <unit>",
      description: "/retrieve documents: passage (the best ~100 words of each page, as Search-R1's wiki-18) or page (the page text, cut to 8 KiB)",
      default: "passage",
      choices: ["passage", "page"],
    },
    {
      flags: "--batch-faults <mode>",
      description: "/retrieve under a fault profile: in-band (a faulted query's result says what failed, status 200; Search-R1 never checks statuses) or http",
      default: "in-band",
      choices: ["in-band", "http"],
    },
    { flags: "--html <mode>", description: "raw HTML: lazy (read on demand), memory, none", default: "lazy", choices: ["lazy", "memory", "none"] },
    { flags: "--log <path>", description: "log every served episode (all steps, rewards) to this trajectory log, e.g. runs/served.duckdb" },
    LIVE_INTERVAL_OPTION,
    { flags: "--run <paths...>", description: "serve the run viewer for this run log at /ui (several: the compare page puts them side by side)" },
    { flags: "--task-file <path>", description: "serve the tasks of this JSONL/Parquet file instead of the corpus's (the corpus is not touched)" },
    { flags: "--allow-stale-index", description: "serve an index built before the last load (warned on every /healthz) instead of refusing", default: false },
    { flags: "--rubric <name|json>", description: "rubric for tasks that name none (default, search_r1, browsecomp, evidence, efficient, or JSON)" },
    { flags: "--judge-url <url>", description: "OpenAI-compatible endpoint of the LLM judge" },
    { flags: "--judge-model <name>", description: "judge model" },
    { flags: "--judge-api-key <key>", description: "judge API key (default: env OPENAI_API_KEY)" },
    { flags: "--judge-cache <path>", description: "DuckDB file caching judge verdicts", default: "runs/judge-cache.duckdb" },
  ],
  action: async (_args, o) => {
    if (o.token !== undefined && cluster.isPrimary)
      log("--token is visible to other local users in ps and /proc; prefer the SIMWEB_TOKEN environment variable", {}, "warn");
    await serve({ ...(o as unknown as ServeOptions), token: (o.token as string | undefined) ?? process.env.SIMWEB_TOKEN });
  },
};

/**
 * Runs the server until SIGINT/SIGTERM, then closes it gracefully (sessions closed and logged,
 * in-flight requests finished). With `workers > 1` the primary forks workers that each load the
 * corpus and share the port; note that HTTP-mirror sessions live in one worker, so use the
 * WebSocket API (one connection = one worker) with several workers.
 * @example
 * await serve({ db: "corpus.duckdb", port: 8080, host: "127.0.0.1", faults: "none", seed: "0", realLatency: false, workers: 1, maxSessions: 256, html: "lazy" });
 */
export async function serve(o: ServeOptions): Promise<void> {
  if (o.workers > 1 && cluster.isPrimary) return primary(o);
  const web = await SimWeb.open(o.db, {
    ...simWebOptions(o as unknown as Record<string, unknown>),
    html: o.html,
    ...(o.name !== undefined ? { replica: o.name } : {}),
  });
  const logPath = o.log === undefined ? undefined : cluster.isWorker ? o.log.replace(/(\.duckdb)?$/, `-w${cluster.worker?.id}.duckdb`) : o.log;
  const sink =
    logPath === undefined
      ? undefined
      : await ServedEpisodeLog.open(logPath, { corpus: o.db, faults: o.faults }, { live: liveOption(o.liveInterval), identity: web.identity });
  const runs = o.run === undefined ? [] : Array.isArray(o.run) ? o.run : [o.run];
  const ui = runs[0] === undefined ? undefined : createUiHandler({ runPath: runs[0], comparePaths: runs.slice(1), corpusPath: o.db, pageLinkBase: "/page" });
  const srv = createServer(web, {
    token: o.token,
    faultSeed: o.seed,
    realLatency: o.realLatency,
    maxSessions: o.maxSessions,
    maxMcpSessions: o.maxMcpSessions,
    maxSessionsPerClient: o.maxSessionsPerClient,
    maxSessionsPerToken: o.maxSessionsPerToken,
    maxEnvsPerConnection: o.maxEnvsPerConnection,
    allowHosts: o.allowHost,
    allowOrigins: o.allowOrigin,
    unusedTimeoutMs: o.unusedTimeoutMs,
    shed: { maxLagMs: o.shedLagMs, maxInFlight: o.maxInFlight },
    maxBatch: o.maxBatch,
    ...(o.expectCorpusDigest !== undefined ? { expectCorpusDigest: o.expectCorpusDigest } : {}),
    retrieve: {
      unit: o.retrieveUnit,
      faults: o.batchFaults,
      // with several workers, large batches are split across them (the primary relays the slices)
      ...(cluster.isWorker && o.workers > 1 ? { peers: processPeers(web, o.workers - 1) } : {}),
    },
    log: (e) => log(e.msg, { ...e, msg: undefined, level: undefined }, e.level),
    ...(sink ? { episodeSink: sink } : {}),
    ...(ui ? { ui } : {}),
  });
  const { url } = await srv.listen(o.port, o.host);
  const id = { replica: web.identity.replica, corpus_digest: web.identity.corpusDigest };
  if (cluster.isWorker) process.send?.({ type: "listening", url, pages: web.pages.size, loadSeconds: web.loadSeconds, ...id });
  else announce({ url, pages: web.pages.size, tasks: web.tasks.size, workers: 1, faults: o.faults, loadSeconds: round(web.loadSeconds), ...id });
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      if (!cluster.isWorker) log("shutting down", { signal });
      void srv.close().then(resolve);
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  await sink?.close();
  ui?.close();
  web.close();
  if (cluster.isWorker)
    cluster.worker?.disconnect(); // the IPC channel would keep the worker alive
  else log("stopped");
}

async function primary(o: ServeOptions): Promise<void> {
  const ready: { url: string; pages: number; loadSeconds: number; replica: string; corpus_digest: string }[] = [];
  const workers = Array.from({ length: o.workers }, () => cluster.fork());
  const relay: RelayWorker[] = workers.map((w) => ({ id: w.id, send: (m) => w.send(m), isDead: () => w.isDead() || !w.isConnected() }));
  const turn = { next: 0 };
  workers.forEach((w, i) => w.on("message", (m: unknown) => relayBatchMessage(m, relay[i] as RelayWorker, relay, turn)));
  let stopping = false;
  await new Promise<void>((resolve, reject) => {
    for (const w of workers) {
      w.on("message", (m: { type?: string; url: string; pages: number; loadSeconds: number; replica: string; corpus_digest: string }) => {
        if (m?.type !== "listening") return;
        ready.push(m);
        if (ready.length === workers.length) resolve();
      });
      w.on("exit", (code) => {
        if (!stopping && ready.length < workers.length) reject(new Error(`worker ${w.process.pid} exited with code ${code} before listening`));
      });
    }
  });
  const first = ready[0] as (typeof ready)[number];
  announce({
    url: first.url,
    pages: first.pages,
    workers: workers.length,
    faults: o.faults,
    loadSeconds: round(Math.max(...ready.map((r) => r.loadSeconds))),
    replica: first.replica,
    corpus_digest: first.corpus_digest,
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      log("shutting down", { signal, workers: workers.length });
      let left = workers.length;
      for (const w of workers) {
        w.once("exit", () => --left === 0 && resolve());
        w.process.kill("SIGTERM");
      }
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  log("stopped");
}

/** The listening line on stdout (one JSON object), for scripts to parse. */
function announce(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ level: "info", msg: "listening", ...fields })}\n`);
}

/** A comma-separated, repeatable list option: `--allow-host a,b --allow-host c` → ["a", "b", "c"]. */
function listOption(v: string, prev?: unknown): string[] {
  const items = v
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
  if (items.length === 0) throw new InvalidArgumentError("expected a comma-separated list, got nothing");
  return [...(Array.isArray(prev) ? (prev as string[]) : []), ...items];
}

function replicaName(v: string): string {
  if (!REPLICA_NAME_RE.test(v))
    throw new InvalidArgumentError(`--name must be 1-64 of A-Z a-z 0-9 . _ : - (starting with a letter or digit), got ${JSON.stringify(v.slice(0, 80))}`);
  return v;
}

function digestOption(v: string): string {
  if (!/^sha256:[0-9a-f]{16}$/.test(v))
    throw new InvalidArgumentError(`--expect-corpus-digest must look like sha256:<16 hex> (as /healthz reports it), got ${JSON.stringify(v.slice(0, 80))}`);
  return v;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`--port must be an integer in [0, 65535], got ${JSON.stringify(v)}`);
  return n;
}

const round = (x: number): number => Math.round(x * 100) / 100;
