import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateWorld, openCorpus, readTasks } from "../../../corpus-loader/index.ts";
import { resolveTasks } from "../../../env/rollout/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { REPO_ROOT, runTs } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-cli-tasks-");
const FIXTURE = join(REPO_ROOT, "test/fixtures/pgdocs-small.warc.gz");
const worldDir = join(dir, "world");

async function taskIds(db: string): Promise<string[]> {
  const h = await openCorpus(db, { readOnly: true });
  try {
    return (await readTasks(h.conn)).map((t) => t.id);
  } finally {
    h.close();
  }
}

beforeAll(async () => {
  await generateWorld({ seed: 3, pages: 200, outDir: worldDir });
}, 60_000);

describe("adding tasks", () => {
  it("a directory input loads its tasks.jsonl; --tasks alone adds a QA set to an existing corpus", async () => {
    const db = join(dir, "dir.duckdb");
    const c = runTs(["scripts/cli.ts", "load", "--db", db, worldDir]);
    expect((await c.exited).code, c.stderr()).toBe(0);
    const generated = readFileSync(join(worldDir, "tasks.jsonl"), "utf8").trim().split("\n").length;
    expect(c.stdout()).toMatch(new RegExp(`^tasks\\s+${generated} from ${join(worldDir, "tasks.jsonl")}$`, "m"));
    expect(await taskIds(db)).toHaveLength(generated);

    const qa = join(dir, "qa.jsonl");
    writeFileSync(qa, `${JSON.stringify({ id: "qa-1", question: "What is PostgreSQL?", answers: ["a database"] })}\n{"id":"qa-2"}\n`);
    const more = runTs(["scripts/cli.ts", "load", "--db", db, "--tasks", qa]);
    expect((await more.exited).code).toBe(0);
    expect(more.stdout()).toMatch(/^tasks\s+1 from .*qa\.jsonl \(1 bad rows skipped; first: row 2: /m);
    expect(await taskIds(db)).toContain("qa-1");
    expect(more.stdout()).not.toMatch(/^files/m); // no corpus load ran
  }, 90_000);

  it("refuses a load with nothing to load", async () => {
    const c = runTs(["scripts/cli.ts", "load", "--db", join(dir, "none.duckdb")]);
    expect((await c.exited).code).toBe(2);
    expect(c.stderr()).toMatch(/nothing to load: give corpus inputs .* and\/or --tasks/);
  }, 30_000);

  it("a corpus without tasks: rollout says how to add them", async () => {
    const db = join(dir, "notasks.duckdb");
    const c = runTs(["scripts/cli.ts", "load", "--db", db, FIXTURE]);
    expect((await c.exited).code).toBe(0);
    expect(() => resolveTasks("all", [])).toThrow(/simweb load --db <corpus> --tasks tasks\.jsonl.*--task-file/);
    const r = runTs(["scripts/cli.ts", "rollout", "--db", db, "--out", join(dir, "runs", "x.duckdb")]);
    expect((await r.exited).code).toBe(2);
    expect(r.stderr()).toContain("--tasks tasks.jsonl");
  }, 60_000);

  it("--task-file serves a task file's tasks without touching the corpus", async () => {
    const db = join(dir, "dir.duckdb");
    const before = await taskIds(db);
    const file = join(dir, "own.jsonl");
    writeFileSync(file, `${JSON.stringify({ id: "own-1", question: "Who founded the first company?", answers: ["x"], gold_urls: [] })}\n`);
    const { buildIndex } = await import("../../../corpus-loader/index-build/index.ts");
    await buildIndex(db);
    const web = await SimWeb.open(db, { taskFile: file });
    try {
      expect(web.tasks.list().map((t) => t.id)).toEqual(["own-1"]);
      const ep = web.createEpisode("e1");
      const r = ep.reset({ seed: 1 });
      expect(r.observation).toContain("Who founded the first company?");
    } finally {
      web.close();
    }
    expect(await taskIds(db)).toEqual(before);
    await expect(SimWeb.open(db, { taskFile: join(dir, "qa.jsonl").replace("qa", "missing") })).rejects.toThrow();
  }, 60_000);
});
