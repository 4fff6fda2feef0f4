/** @module What both generators (the web world and the passage corpus) share: option checks and the `tasks.jsonl` row. */
import { LoaderError } from "../errors.ts";
import type { GeneratedTask } from "./tasks.ts";

/** `v` when it is a safe integer in [min, max]; otherwise `GENERATOR_ERROR` naming the option. */
export function checkInt(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new LoaderError("GENERATOR_ERROR", `${name} must be an integer in [${min}, ${max}], got ${String(v)}`);
  }
  return v;
}

/** A task as one `tasks.jsonl` line, keys in the documented order. */
export function taskLine(t: GeneratedTask): string {
  return JSON.stringify({ id: t.id, question: t.question, answers: t.answers, gold_urls: t.gold_urls, hops: t.hops, split: t.split, type: t.type });
}
