/**
 * A `/retrieve` batch shared with peer workers: chunked, answered in query order whatever the peers do
 * (answer, fail, answer slowly, answer with the wrong length), and over a real `simweb serve --workers 2`
 * (the cluster IPC relay) byte-identical to one process's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answerBatchParts,
  chunkSize,
  createServer,
  MAX_CHUNK,
  MIN_CHUNK,
  splitBatch,
  type BatchJob,
  type BatchPeers,
  type SimwebHttpServer,
} from "../../../env/http/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { runTs, type Child } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-batch-split-");
let db = "";
let web: SimWeb;
let queries: string[];
const servers: SimwebHttpServer[] = [];

beforeAll(async () => {
  db = (await makeWorld(dir, 600, 17)).db;
  web = await SimWeb.open(db);
  queries = [];
  for (let id = 0; queries.length < 1_500; id = (id + 11) % web.pages.size) {
    const words = web.pages.title(id).split(/\s+/);
    queries.push(`${words.slice(0, 1 + (queries.length % 3)).join(" ")} ${queries.length % 4 === 0 ? "founded" : "history"}`);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  web?.close();
});

/** Peers in this process that answer with the same corpus, as a worker does, and record what they were sent. */
function peers(size: number, behave: (call: number, job: BatchJob) => Promise<string[]> | null = () => null): BatchPeers & { jobs: BatchJob[] } {
  const jobs: BatchJob[] = [];
  return {
    size,
    jobs,
    run(job) {
      jobs.push(job);
      return behave(jobs.length, job) ?? answerBatchParts(web, job);
    },
  };
}

async function retrieve(p: BatchPeers | undefined, qs: string[], topk = 3): Promise<string> {
  const s = createServer(web, { sessions: false, retrieve: p ? { peers: p } : {} });
  servers.push(s);
  const { url } = await s.listen(0);
  const r = await fetch(`${url}/retrieve`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ queries: qs, topk, return_scores: true }),
  });
  expect(r.status).toBe(200);
  return r.text();
}

describe("splitBatch", () => {
  it("cuts a batch into bounded chunks, about four per process", () => {
    expect(chunkSize(2_560, 2)).toBe(MAX_CHUNK);
    expect(chunkSize(64, 2)).toBe(MIN_CHUNK);
    expect(chunkSize(1_000, 2)).toBe(125);
  });

  it("answers in query order, identical to one process, with every chunk within the bound", async () => {
    const alone = await retrieve(undefined, queries);
    const p = peers(1);
    const shared = await retrieve(p, queries);
    expect(shared).toBe(alone);
    expect(JSON.parse(shared).result).toHaveLength(queries.length);
    expect(p.jobs.length).toBeGreaterThan(1);
    expect(p.jobs.every((j) => j.queries.length <= MAX_CHUNK)).toBe(true);
    // the peer's chunks are the batch's own queries, each sent once
    const sent = p.jobs.flatMap((j) => j.queries);
    expect(sent.length).toBeLessThan(queries.length);
    const size = chunkSize(queries.length, 2);
    for (const j of p.jobs)
      expect(Array.from({ length: Math.ceil(queries.length / size) }, (_x, c) => queries.slice(c * size, (c + 1) * size))).toContainEqual(j.queries);
  });

  it("answers a failed, a short and a slow peer's chunks itself", async () => {
    const alone = await retrieve(undefined, queries.slice(0, 900));
    const failing = peers(2, (call) => (call === 2 ? Promise.reject(new Error("peer died")) : null));
    expect(await retrieve(failing, queries.slice(0, 900))).toBe(alone);
    const short = peers(1, (call, job) => (call === 1 ? answerBatchParts(web, { ...job, queries: job.queries.slice(1) }) : null));
    expect(await retrieve(short, queries.slice(0, 900))).toBe(alone);
    const slow = peers(1, (_call, job) => new Promise((r) => setTimeout(() => r(answerBatchParts(web, job)), 400)));
    expect(await retrieve(slow, queries.slice(0, 900))).toBe(alone);
    // the slow peer got its first two chunks; this process took every other one meanwhile
    expect(slow.jobs.length).toBeLessThan(Math.ceil(900 / chunkSize(900, 2)) / 2);
  });

  it("keeps the in-band fault texts of each query in its chunk", async () => {
    const job: BatchJob = {
      queries: queries.slice(0, 200),
      topk: 2,
      withScores: false,
      unit: "passage",
      errors: queries.slice(0, 200).map((_q, i) => (i % 7 === 0 ? `[search error 503: ${i}]` : null)),
    };
    const p = peers(1);
    const parts: string[] = [];
    await splitBatch(
      web,
      job,
      p,
      (s) => void parts.push(s),
      () => false,
    );
    expect(parts).toEqual(await answerBatchParts(web, job));
    expect(parts[7]).toContain("[search error 503: 7]");
  });
});

describe("serve --workers 2", () => {
  let child: Child;
  let url = "";
  beforeAll(async () => {
    child = runTs(["scripts/cli.ts", "serve", "--db", db, "--port", "0", "--workers", "2"]);
    const line = await child.waitForLine((l) => l.includes('"msg":"listening"'));
    url = (JSON.parse(line) as { url: string }).url;
  }, 120_000);
  afterAll(async () => {
    child.proc.kill("SIGTERM");
    await child.exited;
  });

  it("answers a batch split across both workers byte-identically to one process", async () => {
    const qs = queries.slice(0, 1_000);
    const alone = await retrieve(undefined, qs);
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${url}/retrieve`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ queries: qs, topk: 3, return_scores: true }),
      });
      expect(r.status).toBe(200);
      expect(await r.text()).toBe(alone);
    }
  }, 60_000);
});
