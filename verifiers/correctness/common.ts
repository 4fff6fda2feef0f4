/** @module Shared guards of the answer-correctness rewards (missing answer, missing gold). */
import type { RewardResult } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";

/**
 * The final answer and gold aliases to compare, or a ready 0-score result explaining why there is
 * nothing to compare (`no_answer`: the episode ended without one; `no_gold`: the task has none).
 */
export function answerAndGold(task: Task, trajectory: Trajectory): { answer: string; golds: string[] } | { result: RewardResult } {
  const answer = trajectory.finalAnswer;
  if (answer === null || answer.trim() === "") return { result: { score: 0, details: { reason: "no_answer" } } };
  const golds = task.answers.filter((g) => g.trim() !== "");
  if (golds.length === 0) return { result: { score: 0, details: { reason: "no_gold" } } };
  return { answer, golds };
}
