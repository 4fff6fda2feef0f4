import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runTs } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-cli-load-");
const FIXTURE = join(REPO_ROOT, "test/fixtures/pgdocs-small.warc.gz");

describe("simweb load", () => {
  it("names each skipped file and why, loads the rest, and exits 2 only when no file could be read", async () => {
    const empty = join(dir, "empty.warc.gz");
    const text = join(dir, "notes.parquet");
    writeFileSync(empty, Buffer.alloc(0));
    writeFileSync(text, "plain notes\n");
    const c = runTs(["scripts/cli.ts", "load", "--db", join(dir, "a.duckdb"), FIXTURE, empty, text]);
    expect((await c.exited).code).toBe(0);
    const out = c.stdout();
    expect(out).toMatch(/^files\s+3 \(.*\), 2 skipped$/m);
    expect(out).toMatch(new RegExp(`skipped file  ${empty}  UNKNOWN_FORMAT: .*not WARC`));
    expect(out).toMatch(new RegExp(`skipped file  ${text}  UNKNOWN_FORMAT: .*not WARC`));
    expect(out).toMatch(/^pages added\s+[1-9]\d*/m);
    const warned = c
      .stderr()
      .split("\n")
      .filter((l) => l.includes("input file skipped"))
      .map((l) => (JSON.parse(l) as { file: string }).file);
    expect(warned.sort()).toEqual([empty, text].sort());

    const none = runTs(["scripts/cli.ts", "load", "--db", join(dir, "b.duckdb"), text]);
    expect((await none.exited).code).toBe(2);
    expect(none.stderr()).toContain("no input file could be read");
    expect(existsSync(join(dir, "b.duckdb"))).toBe(false); // a failed load leaves no empty corpus behind
  }, 60_000);

  it("--workers N reads on N threads with the same pages; a bad count is refused", async () => {
    const one = runTs(["scripts/cli.ts", "load", "--db", join(dir, "w0.duckdb"), "--workers", "0", FIXTURE]);
    const two = runTs(["scripts/cli.ts", "load", "--db", join(dir, "w2.duckdb"), "--workers", "2", FIXTURE]);
    expect((await one.exited).code).toBe(0);
    expect((await two.exited).code).toBe(0);
    const added = (out: string): string | undefined => /^pages added\s+(\d+)/m.exec(out)?.[1];
    expect(added(two.stdout())).toBe(added(one.stdout()));
    const bad = runTs(["scripts/cli.ts", "load", "--db", join(dir, "w3.duckdb"), "--workers", "two", FIXTURE]);
    expect((await bad.exited).code).not.toBe(0);
    expect(bad.stderr() + bad.stdout()).toContain("--workers must be an integer");
  }, 60_000);
});
