/** @module Tests of verifiers: tasks. */
import { describe, expect, it } from "vitest";
import { parseTaskRow, parseTasksJsonl, questionFromPrompt, splitTasks } from "../../verifiers/tasks.ts";
import { makeTask } from "./fixtures.ts";

const opts = { source: "tasks.jsonl", index: 7 };

describe("parseTaskRow()", () => {
  it("reads simweb rows", () => {
    const t = parseTaskRow(
      {
        id: "q1",
        question: " Capital of France? ",
        answers: ["Paris", "paris", " "],
        gold_urls: ["https://a/", "https://a/"],
        hops: 2,
        rubric: { exact_match: 1 },
      },
      opts,
    );
    expect(t).toEqual({
      id: "q1",
      question: "Capital of France?",
      answers: ["Paris", "paris"],
      goldUrls: ["https://a/"],
      hops: 2,
      split: "train",
      source: "tasks.jsonl",
      type: "single_fact",
      rubric: '{"exact_match":1}',
    });
  });
  it("reads Search-R1 rows (prompt chat list, golden_answers or reward_model target)", () => {
    const row = {
      data_source: "nq",
      prompt: [{ role: "user", content: "Answer the given question... Question: who wrote hamlet?\n" }],
      reward_model: { style: "rule", ground_truth: { target: ["William Shakespeare", "Shakespeare"] } },
      extra_info: { index: 12, split: "test" },
    };
    expect(parseTaskRow(row, opts)).toMatchObject({
      id: "nq_12",
      question: "who wrote hamlet?",
      answers: ["William Shakespeare", "Shakespeare"],
      split: "test",
      source: "nq",
      type: "external",
    });
    expect(parseTaskRow({ question: "q?", golden_answers: ["a"] }, opts)).toMatchObject({ id: "tasks.jsonl:7", answers: ["a"] });
  });
  it("reads BrowseComp-Plus rows", () => {
    const row = {
      query_id: 769,
      query: "Which paper...?",
      answer: "Attention",
      evidence_docs: [{ docid: "d1", url: "https://x/1", text: "..." }, { docid: "d2" }],
    };
    expect(parseTaskRow(row, opts)).toMatchObject({
      id: "769",
      question: "Which paper...?",
      answers: ["Attention"],
      goldUrls: ["https://x/1", "d2"],
      hops: 2,
      type: "external",
    });
  });
  it("names the row and the problem in BAD_TASK errors", () => {
    expect(() => parseTaskRow([1], opts)).toThrow("tasks.jsonl row 7: expected a JSON object, got an array");
    expect(() => parseTaskRow({ answers: ["a"] }, opts)).toThrow(/no question/);
    expect(() => parseTaskRow({ question: "q" }, opts)).toThrow(/no answers/);
    expect(() => parseTaskRow({ question: "q", answers: [""] }, opts)).toThrow(/all empty/);
    expect(() => parseTaskRow({ question: "q", answers: [{}] }, opts)).toThrow(/list of strings/);
    expect(() => parseTaskRow({ question: "q", answers: ["a"], hops: 0 }, opts)).toThrow(/hops/);
  });
});

describe("questionFromPrompt()", () => {
  it("takes the last user message after 'Question:'", () => {
    expect(
      questionFromPrompt([
        { role: "system", content: "x" },
        { role: "user", content: "Q?" },
      ]),
    ).toBe("Q?");
    expect(questionFromPrompt(42)).toBeNull();
  });
});

describe("parseTasksJsonl()", () => {
  it("skips bad lines and duplicate ids with their line numbers", () => {
    const text = ['{"id":"a","question":"q","answers":["x"]}', "", "{oops", '{"id":"a","question":"q2","answers":["y"]}', '{"question":"q3"}'].join("\n");
    const r = parseTasksJsonl(text, "f.jsonl", "dev");
    expect(r.tasks.map((t) => [t.id, t.split])).toEqual([["a", "dev"]]);
    expect(r.skipped.map((s) => s.line)).toEqual([3, 4, 5]);
    expect(r.skipped[1]?.message).toBe('duplicate task id "a"');
  });
});

describe("splitTasks()", () => {
  const tasks = Array.from({ length: 400 }, (_, i) => makeTask({ id: `task-${i}` }));
  it("is fixed by seed and close to the fraction", () => {
    const a = splitTasks(tasks, 42, 0.25);
    const b = splitTasks(tasks, 42, 0.25);
    expect(a.test.map((t) => t.id)).toEqual(b.test.map((t) => t.id));
    expect(a.test.length + a.train.length).toBe(400);
    expect(a.test.length).toBeGreaterThan(60);
    expect(a.test.length).toBeLessThan(140);
    expect(a.test.every((t) => t.split === "test") && a.train.every((t) => t.split === "train")).toBe(true);
    expect(splitTasks(tasks, 43, 0.25).test.map((t) => t.id)).not.toEqual(a.test.map((t) => t.id));
  });
  it("does not move existing tasks when tasks are added", () => {
    const before = new Set(splitTasks(tasks.slice(0, 200), 7, 0.3).test.map((t) => t.id));
    const after = splitTasks(tasks, 7, 0.3)
      .test.filter((t) => Number(t.id.slice(5)) < 200)
      .map((t) => t.id);
    expect(new Set(after)).toEqual(before);
  });
  it("validates the fraction", () => {
    expect(() => splitTasks(tasks, 1, 1.5)).toThrow(/testFraction/);
    expect(splitTasks(tasks, 1, 0).test).toEqual([]);
  });
});
