/** @module Deterministic per-episode seeds and ids derived from (run seed, task id, sample index). */
import { stream } from "../../core/index.ts";

/**
 * The seed of one episode: a 31-bit integer drawn from `stream(runSeed, "rollout", taskId, sampleIdx)`.
 * Same arguments, same seed, whatever the order episodes run in.
 * @example
 * episodeSeed(7, "t-001", 3); // always the same integer
 */
export function episodeSeed(runSeed: number, taskId: string, sampleIdx: number): number {
  return stream(runSeed, "rollout", "episode", taskId, sampleIdx).int(2 ** 31);
}

/** The stable id of one episode within a run: `<taskId>#<sampleIdx>` (resume matches on it). */
export function episodeIdOf(taskId: string, sampleIdx: number): string {
  return `${taskId}#${sampleIdx}`;
}
