import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SimWeb } from "../../../env/simweb/index.ts";
import { runTs } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-cli-passages-");

async function cli(args: string[]): Promise<string> {
  const c = runTs(["scripts/cli.ts", ...args]);
  const { code } = await c.exited;
  expect(code, c.stderr()).toBe(0);
  return c.stdout() + c.stderr();
}

describe("simweb generate --passages", () => {
  it("builds a passage corpus that load, index and a scripted rollout work on, and the policy solves some of its tasks", async () => {
    const out = join(dir, "passages");
    const db = join(dir, "passages.duckdb");
    await cli(["generate", "--passages", "3000", "--per-file", "1000", "--format", "jsonl.gz", "--workers", "2", "--out", out]);
    expect(readdirSync(out).sort()).toEqual(["passages-00000.jsonl.gz", "passages-00001.jsonl.gz", "passages-00002.jsonl.gz", "passages.json", "tasks.jsonl"]);
    expect(await cli(["load", "--db", db, out])).toMatch(/^tasks\s+150 from /m);
    await cli(["index", "--db", db]);
    const web = await SimWeb.open(db);
    try {
      expect(web.pages.size).toBe(3000);
      // a single-fact question finds its gold passage among the top 10 for most tasks
      const single = readFileSync(join(out, "tasks.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { question: string; gold_urls: string[]; type: string })
        .filter((t) => t.type === "single_fact")
        .slice(0, 20);
      let found = 0;
      for (const t of single) {
        const res = await web.search.search(t.question, { k: 10 });
        if (res.results.some((r) => r.url === t.gold_urls[0])) found++;
      }
      expect(found).toBeGreaterThanOrEqual(single.length / 2);
    } finally {
      web.close();
    }
    const rollout = await cli(["rollout", "--db", db, "--group-size", "1", "--limit", "40", "--out", join(dir, "run.duckdb"), "--live-interval", "0"]);
    const solved = Number(/solved ([\d.]+)%/.exec(rollout)?.[1]);
    expect(solved, rollout).toBeGreaterThan(10);
  }, 300_000);

  it("refuses --pages with --passages as a usage error", async () => {
    const c = runTs(["scripts/cli.ts", "generate", "--pages", "200", "--passages", "200", "--out", join(dir, "both")]);
    expect((await c.exited).code).toBe(1);
    expect(c.stderr()).toMatch(/'--passages <n>' cannot be used with option '--pages <n>'/);
  }, 60_000);
});
