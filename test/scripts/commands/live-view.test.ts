import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { liveSnapshotPath, readLog } from "../../../env/trajectory/index.ts";
import { runTs, type Child } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-live-view-");
const children: Child[] = [];
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
});
const spawnTs = (args: string[]): Child => {
  const c = runTs(args);
  children.push(c);
  return c;
};
const endedCount = (c: Child): number =>
  c
    .stdout()
    .split("\n")
    .filter((l) => l.includes('"msg":"ended"')).length;
const until = async (cond: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> => {
  const t = Date.now();
  while (!(await cond())) {
    if (Date.now() - t > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("a log being written by another process (issue 15.2)", () => {
  it("cannot be opened by DuckDB itself, but simweb view follows it and simweb export writes its finished part", async () => {
    const log = join(dir, "runs", "live.duckdb");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "runs"), { recursive: true });
    // the writer: a real process holding the log, one episode every 100 ms, snapshots every 300 ms
    const writer = spawnTs(["test/env/trajectory/live-writer-child.ts", log, "100000", "100", "300"]);
    await writer.waitForLine((l) => l.includes('"msg":"ready"'));
    await until(() => endedCount(writer) >= 5 && existsSync(liveSnapshotPath(log)));

    // the premise: the log's lock is held, a plain read-only open fails as the issue reports
    await expect(DuckDBInstance.create(log, { access_mode: "READ_ONLY" })).rejects.toThrow(/Could not set lock/);

    // export (a real CLI process) writes the part of the run finished so far
    const out = join(dir, "out", "live.jsonl");
    const exp = spawnTs(["scripts/cli.ts", "export", log, "--format", "jsonl", "--style", "openai", "--out", out]);
    expect((await exp.exited).code, exp.stderr()).toBe(0);
    const rows = readFileSync(out, "utf8").trim().split("\n").length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(endedCount(writer));

    // the viewer (a real CLI process) answers and updates as episodes land
    const view = spawnTs(["scripts/cli.ts", "view", log, "--port", "0"]);
    const line = await view.waitForLine((l) => l.startsWith("run viewer: "));
    const base = (/run viewer: (\S+)/.exec(line) as RegExpExecArray)[1] as string;
    const get = async (p: string): Promise<any> => (await fetch(new URL(p, base))).json();
    const live = await get("api/live");
    expect(live).toMatchObject({ live: true, writerPid: writer.proc.pid });
    const first = await get("api/overview");
    expect(first.episodes).toBeGreaterThan(0);
    expect(first.failures.error).toBeGreaterThan(0); // every 5th episode fails in the child
    expect(first.timeline.buckets.length).toBeGreaterThan(0);
    expect(first.throughput.estimated).toBe(false);
    await until(async () => (await get("api/overview")).episodes > first.episodes);
    expect((await get("api/live")).version).not.toBe(live.version);

    // the writer finishes: its snapshot goes, and the viewer reads the closed log itself with every episode
    writer.proc.kill("SIGTERM");
    expect((await writer.exited).code).toBe(0);
    expect(existsSync(liveSnapshotPath(log))).toBe(false);
    await until(async () => (await get("api/live")).live === false);
    const final = await readLog(log);
    const last = await get("api/overview");
    expect(last.episodes).toBe(final.episodes.length);
    expect(last.statuses.done + last.statuses.error).toBe(endedCount(writer));
    view.proc.kill("SIGTERM");
    await view.exited;
  }, 90_000);

  it("says LOG_BUSY (not a lock message) when the writer publishes no snapshot", async () => {
    const log = join(dir, "runs", "dark.duckdb");
    const writer = spawnTs(["test/env/trajectory/live-writer-child.ts", log, "100000", "100", "0"]);
    await writer.waitForLine((l) => l.includes('"msg":"ended"'));
    const exp = spawnTs(["scripts/cli.ts", "export", log, "--format", "jsonl", "--out", join(dir, "out", "dark.jsonl")]);
    expect((await exp.exited).code).not.toBe(0);
    expect(exp.stderr()).toMatch(/LOG_BUSY/);
    expect(exp.stderr()).toMatch(/being written by another process \(PID \d+\)/);
    writer.proc.kill("SIGTERM");
    await writer.exited;
  }, 60_000);
});
