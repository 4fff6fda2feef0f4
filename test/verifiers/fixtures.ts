/** @module Test builders for tasks and trajectories. */
import type { Task } from "../../core/task.ts";
import type { Trajectory, TrajectoryStep, ToolCall } from "../../core/trajectory.ts";

/** A task with sensible defaults. */
export function makeTask(over: Partial<Task> = {}): Task {
  return {
    id: "t1",
    question: "What is the capital of France?",
    answers: ["Paris"],
    goldUrls: ["https://wiki.example/paris"],
    hops: 1,
    split: "train",
    source: "test",
    type: "single_fact",
    rubric: null,
    ...over,
  };
}

/** One step; `action` given as [name, args]. */
export function makeStep(index: number, action: ToolCall | null, over: Partial<TrajectoryStep> = {}): TrajectoryStep {
  return {
    index,
    action,
    rawText: null,
    valid: action !== null,
    error: null,
    observation: "",
    urls: [],
    simSeconds: 1,
    fault: null,
    ...over,
  };
}

/**
 * A trajectory: by default one search, one open of the gold page and an answer citing it.
 * Override any field; `answer` sets `finalAnswer` (and answerCount 1) quickly.
 */
export function makeTrajectory(over: Partial<Trajectory> & { answer?: string | null } = {}): Trajectory {
  const { answer, ...rest } = over;
  const finalAnswer = answer === undefined ? "Paris" : answer;
  const steps = [
    makeStep(0, { name: "search", arguments: { query: "capital of France" } }, { urls: ["https://wiki.example/paris"] }),
    makeStep(1, { name: "open", arguments: { url: "https://wiki.example/paris" } }, { urls: ["https://wiki.example/paris"] }),
    makeStep(2, { name: "answer", arguments: { answer: finalAnswer } }),
  ];
  return {
    taskId: "t1",
    steps,
    searchQueries: ["capital of France"],
    openedUrls: ["https://wiki.example/paris"],
    finalAnswer,
    answerCount: finalAnswer === null ? 0 : 1,
    citations: ["https://wiki.example/paris"],
    simSeconds: 3,
    tokens: null,
    endReason: finalAnswer === null ? "max_steps" : "answer",
    ...rest,
  };
}
