import { describe, expect, it } from "vitest";
import { adhocTask, isAdhocTaskId } from "../../../env/episode/adhoc-task.ts";
import { Episode } from "../../../env/episode/episode.ts";
import { parseTaskRow } from "../../../verifiers/index.ts";
import { makeFakeDeps, RecordingSink } from "../../helpers/fake-episode-web.ts";

describe("adhocTask()", () => {
  it("puts a client id in the adhoc: namespace and keeps one already there", () => {
    expect(adhocTask({ id: "t-alpha", question: "q", answers: ["a"] }).id).toBe("adhoc:t-alpha");
    expect(adhocTask({ id: "adhoc:mine", question: "q", answers: ["a"] }).id).toBe("adhoc:mine");
    expect(adhocTask({ question: "q", answers: ["a"] })).toMatchObject({ source: "adhoc", split: "adhoc", type: "adhoc", hops: 1, goldUrls: [] });
  });

  it("derives the id from the content when the client gives none: same task, same id", () => {
    const a = adhocTask({ question: "Where?", answers: ["Paris"] }).id;
    expect(a).toMatch(/^adhoc:[0-9a-f]{16}$/);
    expect(adhocTask({ question: "Where?", answers: ["Paris"] }).id).toBe(a);
    expect(adhocTask({ question: "Where?", answers: ["Rome"] }).id).not.toBe(a);
    expect(isAdhocTaskId(a)).toBe(true);
  });
});

describe("parseTaskRow()", () => {
  it("refuses corpus task ids in the ad-hoc namespace", () => {
    expect(() => parseTaskRow({ id: "adhoc:x", question: "q", answers: ["a"] }, { source: "t.jsonl", index: 1 })).toThrow(/reserved for ad-hoc/);
    expect(() => parseTaskRow({ question: "q", answers: ["a"] }, { source: "adhoc", index: 1 })).toThrow(/reserved for ad-hoc/);
  });
});

describe("Episode.reset() with an ad-hoc task", () => {
  it("never scores or logs it under a corpus task's id, even when the client names one", async () => {
    const sink = new RecordingSink();
    const ep = new Episode(makeFakeDeps({ sink }), "e1");
    const r = ep.reset({ options: { task: { id: "t-alpha", question: "Say hi", answers: ["hi"] } } });
    expect(r.info.task_id).toBe("adhoc:t-alpha");
    await ep.step({ name: "answer", arguments: { answer: "hi" } });
    expect(sink.ends.map((e) => [e.trajectory.taskId, e.reward.reward])).toEqual([["adhoc:t-alpha", 1]]);
  });
});
