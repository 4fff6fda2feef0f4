import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTasks } from "../../../corpus-loader/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../../helpers/world.ts";

const dir = useTmpDir("simweb-digest-");
let world: TestWorld;
beforeAll(async () => {
  world = await makeWorld(dir, 200, 5);
}, 120_000);

async function digestOf(db: string, o: Parameters<typeof SimWeb.open>[1] = {}): Promise<{ replica: string; corpusDigest: string }> {
  const web = await SimWeb.open(db, o);
  try {
    return web.identity;
  } finally {
    web.close();
  }
}

describe("corpusDigest()", () => {
  it("is the same on a copy of the corpus file and different after a change of tasks or pages", async () => {
    const a = await digestOf(world.db, { replica: "a" });
    expect(a.corpusDigest).toMatch(/^sha256:[0-9a-f]{16}$/);
    const copy = join(dir, "copy.duckdb");
    copyFileSync(world.db, copy);
    const b = await digestOf(copy, { replica: "b" });
    expect(b).toEqual({ replica: "b", corpusDigest: a.corpusDigest });
    // the tasks are part of what a replica serves: another task file, another digest
    const tasksFile = join(dir, "one-task.jsonl");
    writeFileSync(tasksFile, `${JSON.stringify({ id: "t1", question: "Who?", answers: ["nobody"] })}\n`);
    expect((await digestOf(world.db, { taskFile: tasksFile })).corpusDigest).not.toBe(a.corpusDigest);
    // a corpus whose tasks were changed in place
    const changed = join(dir, "changed.duckdb");
    copyFileSync(world.db, changed);
    await loadTasks(changed, tasksFile);
    expect((await digestOf(changed)).corpusDigest).not.toBe(a.corpusDigest);
    // a different world (other pages) has another digest
    const other = await makeWorld(join(dir, "other"), 200, 6);
    expect((await digestOf(other.db)).corpusDigest).not.toBe(a.corpusDigest);
  }, 120_000);

  it("names the replica after the host by default and refuses a name that cannot go into a header", async () => {
    const id = await digestOf(world.db);
    expect(id.replica).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);
    await expect(SimWeb.open(world.db, { replica: "bad name\r\nX-Evil: 1" })).rejects.toMatchObject({ code: "BAD_REPLICA_NAME" });
  });
});
