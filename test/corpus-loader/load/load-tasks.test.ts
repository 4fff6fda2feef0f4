import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { loadTasks } from "../../../corpus-loader/load/load-tasks.ts";
import { openCorpus } from "../../../corpus-loader/store/open-corpus.ts";
import { readTasks } from "../../../corpus-loader/store/task-writer.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir();

async function tasksOf(db: string) {
  const h = await openCorpus(db, { readOnly: true });
  try {
    return await readTasks(h.conn);
  } finally {
    h.close();
  }
}

describe("loadTasks()", () => {
  it("loads Search-R1 Parquet rows (chat prompt, reward_model.ground_truth.target)", async () => {
    const f = join(dir, "nq_train.parquet");
    const inst = await DuckDBInstance.create(":memory:");
    const c = await inst.connect();
    await c.run(`COPY (SELECT * FROM (VALUES
      ('nq', [{'role': 'user', 'content': 'Answer the given question. Question: who wrote hamlet?'}], {'ground_truth': {'target': ['William Shakespeare', 'Shakespeare']}}, {'index': 0, 'split': 'train'}),
      ('nq', [{'role': 'user', 'content': 'Question: capital of france?'}], {'ground_truth': {'target': ['Paris']}}, {'index': 1, 'split': 'train'})
    ) t(data_source, prompt, reward_model, extra_info)) TO '${f}' (FORMAT parquet)`);
    c.closeSync();
    inst.closeSync();
    const db = join(dir, "a.duckdb");
    const s = await loadTasks(db, f);
    expect(s).toMatchObject({ written: 2, skipped: 0 });
    const tasks = await tasksOf(db);
    expect(tasks.map((t) => [t.question, t.answers])).toEqual(
      expect.arrayContaining([
        ["who wrote hamlet?", ["William Shakespeare", "Shakespeare"]],
        ["capital of france?", ["Paris"]],
      ]),
    );
  });

  it("upserts by id, and reports bad rows with their row number while keeping the good ones", async () => {
    const f = join(dir, "tasks.jsonl");
    const db = join(dir, "b.duckdb");
    writeFileSync(
      f,
      [
        JSON.stringify({ id: "t1", question: "Q1?", answers: ["a"], gold_urls: ["https://x.test/"] }),
        JSON.stringify({ id: "t2", question: "", answers: ["b"] }),
        JSON.stringify({ query_id: "bc-7", query: "BrowseComp-Plus style?", answer: "c", evidence_docs: [] }),
      ].join("\n"),
    );
    const s = await loadTasks(db, f);
    expect(s.written).toBe(2);
    expect(s.skipped).toBe(1);
    expect(s.errors[0]?.row).toBe(2);
    writeFileSync(f, JSON.stringify({ id: "t1", question: "Q1 again?", answers: ["z"] }) + "\n");
    await loadTasks(db, f);
    const tasks = await tasksOf(db);
    expect(tasks.map((t) => [t.id, t.question])).toEqual([
      ["bc-7", "BrowseComp-Plus style?"],
      ["t1", "Q1 again?"],
    ]);
  });
});
