/** @module Ad-hoc tasks (a client's own question and answers) get ids in their own `adhoc:` namespace. */
import { createHash } from "node:crypto";
import { ADHOC_TASK_PREFIX } from "../../verifiers/index.ts";
import type { Task } from "../../core/index.ts";

/** An ad-hoc task as a client gives it to `reset`: a question and answers, the rest optional. */
export interface AdhocTaskInput {
  question: string;
  answers: string[];
  /** The client's label; logged as `adhoc:<id>` (kept as is when it already starts with `adhoc:`). */
  id?: string;
  goldUrls?: string[];
  hops?: number;
  split?: string;
  type?: string;
  rubric?: string | null;
}

/**
 * The task an ad-hoc input runs as. Its id is always in the `adhoc:` namespace, which task loading
 * refuses for corpus tasks, so an ad-hoc episode is never scored or logged under a corpus task's id:
 * a client id `q7` becomes `adhoc:q7`; without one the id is `adhoc:` + the first 16 hex digits of
 * the SHA-256 of the task's content (same task → same id, so GRPO groups of one prompt stay together).
 * `source` is always "adhoc"; `split` and `type` default to "adhoc", `hops` to 1.
 * @example
 * adhocTask({ id: "t-alpha", question: "Who?", answers: ["me"] }).id; // "adhoc:t-alpha"
 */
export function adhocTask(input: AdhocTaskInput): Task {
  const task: Task = {
    id: "",
    question: input.question,
    answers: [...input.answers],
    goldUrls: [...(input.goldUrls ?? [])],
    hops: input.hops ?? 1,
    split: input.split ?? "adhoc",
    source: "adhoc",
    type: input.type ?? "adhoc",
    rubric: input.rubric ?? null,
  };
  task.id = adhocTaskId(input.id, task);
  return task;
}

/** True when `id` is in the ad-hoc namespace. */
export function isAdhocTaskId(id: string): boolean {
  return id.startsWith(ADHOC_TASK_PREFIX);
}

function adhocTaskId(clientId: string | undefined, t: Task): string {
  if (clientId !== undefined && clientId !== "") return isAdhocTaskId(clientId) ? clientId : ADHOC_TASK_PREFIX + clientId;
  const content = JSON.stringify([t.question, t.answers, t.goldUrls, t.hops, t.split, t.type, t.rubric]);
  return ADHOC_TASK_PREFIX + createHash("sha256").update(content).digest("hex").slice(0, 16);
}
