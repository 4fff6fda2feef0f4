/** @module Task rows (simweb JSONL, Search-R1, BrowseComp-Plus) into `Task`, and seeded train/test splits. */
import { stream } from "../core/index.ts";
import { VerifierError } from "./errors.ts";
import type { Task } from "../core/index.ts";

/** Where a row came from, for ids of rows without one and for error messages. */
export interface TaskRowOptions {
  /** Source name (file name); becomes `task.source` unless the row names its own. */
  source: string;
  /** 1-based row number (line number for JSONL). */
  index: number;
  /** Split for rows that carry none. Default "train". */
  split?: string;
}

type Row = Record<string, unknown>;

/**
 * Task ids starting with this belong to ad-hoc tasks (a client's own question at reset); no corpus
 * task may have one, so an ad-hoc episode can never be scored or logged under a corpus task's id.
 */
export const ADHOC_TASK_PREFIX = "adhoc:";

const isObj = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null);

function bad(opts: TaskRowOptions, message: string): VerifierError {
  return new VerifierError("BAD_TASK", `${opts.source} row ${opts.index}: ${message}`);
}

/** The question inside a Search-R1 chat prompt: the last user message, after its last "Question:". */
export function questionFromPrompt(prompt: unknown): string | null {
  if (typeof prompt === "string") return prompt;
  if (!Array.isArray(prompt)) return null;
  const user = [...prompt].reverse().find((m) => isObj(m) && m["role"] === "user" && typeof m["content"] === "string");
  if (!isObj(user)) return null;
  const content = user["content"] as string;
  const at = content.lastIndexOf("Question:");
  return (at >= 0 ? content.slice(at + "Question:".length) : content).trim();
}

function stringList(v: unknown): string[] | null {
  if (Array.isArray(v)) {
    const out = v.map(str);
    return out.every((s): s is string => s !== null) ? out : null;
  }
  const s = str(v);
  return s === null ? null : [s];
}

function answersOf(row: Row): unknown {
  const gt = isObj(row["reward_model"]) ? row["reward_model"]["ground_truth"] : undefined;
  const target = isObj(gt) ? gt["target"] : gt;
  return row["answers"] ?? row["golden_answers"] ?? target ?? row["answer"];
}

function goldUrlsOf(row: Row): string[] {
  const v = row["gold_urls"] ?? row["goldUrls"] ?? row["evidence_docs"] ?? row["gold_docs"];
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const d of v) {
    const s = str(d) ?? (isObj(d) ? (str(d["url"]) ?? str(d["docid"]) ?? str(d["doc_id"])) : null);
    if (s !== null && s.trim() !== "") out.push(s.trim());
  }
  return [...new Set(out)];
}

/**
 * Parses one task row. Accepted shapes:
 * - simweb: `{id, question, answers[], gold_urls[], hops?, split?, type?, rubric?}` (`answer` string accepted);
 * - Search-R1: `question` or `prompt` (chat list; the text after "Question:"), `golden_answers` or
 *   `reward_model.ground_truth.target`, `data_source`, `extra_info.{index, split}`;
 * - BrowseComp-Plus: `query_id`, `query`, `answer`, `evidence_docs` / `gold_docs` (strings or `{docid, url}`).
 * Rows without an id get `<source>:<index>`. Throws `BAD_TASK` naming the row and the problem, also for
 * an id in the reserved ad-hoc namespace ({@link ADHOC_TASK_PREFIX}).
 * @example
 * parseTaskRow({ id: "q1", question: "Capital of France?", answers: ["Paris"], gold_urls: [] }, { source: "t.jsonl", index: 1 });
 */
export function parseTaskRow(row: unknown, opts: TaskRowOptions): Task {
  if (!isObj(row)) throw bad(opts, `expected a JSON object, got ${Array.isArray(row) ? "an array" : typeof row}`);
  const extra = isObj(row["extra_info"]) ? row["extra_info"] : {};
  const dataSource = str(row["data_source"]);
  const question = str(row["question"]) ?? str(row["query"]) ?? questionFromPrompt(row["prompt"]);
  if (question === null || question.trim() === "") throw bad(opts, "no question (expected question, query or prompt)");
  const rawAnswers = answersOf(row);
  if (rawAnswers === undefined || rawAnswers === null) {
    throw bad(opts, "no answers (expected answers, golden_answers, reward_model.ground_truth.target or answer)");
  }
  const list = stringList(rawAnswers);
  if (list === null) throw bad(opts, "answers must be a string or a list of strings");
  const answers = [...new Set(list.map((a) => a.trim()).filter((a) => a !== ""))];
  if (answers.length === 0) throw bad(opts, "answers are all empty");
  const extraIndex = str(extra["index"]);
  const id =
    str(row["id"]) ??
    str(row["query_id"]) ??
    str(row["qid"]) ??
    (extraIndex !== null ? `${dataSource ?? opts.source}_${extraIndex}` : `${opts.source}:${opts.index}`);
  if (id.startsWith(ADHOC_TASK_PREFIX)) {
    throw bad(opts, `task id ${JSON.stringify(id.slice(0, 80))}: ids starting with "${ADHOC_TASK_PREFIX}" are reserved for ad-hoc tasks`);
  }
  const goldUrls = goldUrlsOf(row);
  const hops = row["hops"];
  if (hops !== undefined && (typeof hops !== "number" || !Number.isInteger(hops) || hops < 1)) {
    throw bad(opts, `hops must be a positive integer, got ${JSON.stringify(hops)}`);
  }
  const rubric = row["rubric"];
  if (rubric !== undefined && rubric !== null && typeof rubric !== "string" && !isObj(rubric)) {
    throw bad(opts, "rubric must be a name, a JSON string or an object");
  }
  return {
    id,
    question: question.trim(),
    answers,
    goldUrls,
    hops: typeof hops === "number" ? hops : Math.max(1, goldUrls.length),
    split: str(row["split"]) ?? str(extra["split"]) ?? opts.split ?? "train",
    source: str(row["source"]) ?? dataSource ?? opts.source,
    type: str(row["type"]) ?? (dataSource !== null || row["query_id"] !== undefined ? "external" : "single_fact"),
    rubric: rubric === undefined || rubric === null ? null : typeof rubric === "string" ? rubric : JSON.stringify(rubric),
  };
}

/** Result of `parseTasksJsonl`: tasks, and rows skipped with their line and reason. */
export interface ParsedTasks {
  tasks: Task[];
  skipped: Array<{ line: number; message: string }>;
}

/**
 * Parses JSONL text into tasks. Blank lines are ignored; bad JSON, bad rows and duplicate ids are
 * skipped and listed (never thrown), so one bad line does not lose a file.
 * @example
 * const { tasks, skipped } = parseTasksJsonl(readFileSync("tasks.jsonl", "utf8"), "tasks.jsonl");
 */
export function parseTasksJsonl(text: string, source: string, split?: string): ParsedTasks {
  const out: ParsedTasks = { tasks: [], skipped: [] };
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      out.skipped.push({ line: i + 1, message: `invalid JSON: ${(err as Error).message}` });
      return;
    }
    try {
      const task = parseTaskRow(row, split === undefined ? { source, index: i + 1 } : { source, index: i + 1, split });
      if (ids.has(task.id)) {
        out.skipped.push({ line: i + 1, message: `duplicate task id "${task.id}"` });
        return;
      }
      ids.add(task.id);
      out.tasks.push(task);
    } catch (err) {
      out.skipped.push({ line: i + 1, message: (err as Error).message });
    }
  });
  return out;
}

/**
 * Seeded train/test split. Each task goes to "test" when `stream(seed, "split", task.id).next() <
 * testFraction`, so its side depends only on (seed, id): adding or removing tasks never moves the
 * others. Returns copies with `split` set, in input order.
 * @example
 * const { train, test } = splitTasks(tasks, 42, 0.1);
 */
export function splitTasks(tasks: readonly Task[], seed: number | string, testFraction: number): { train: Task[]; test: Task[] } {
  if (!Number.isFinite(testFraction) || testFraction < 0 || testFraction > 1) {
    throw new VerifierError("BAD_CONFIG", `testFraction must be in [0, 1], got ${testFraction}`);
  }
  const train: Task[] = [];
  const test: Task[] = [];
  for (const t of tasks) {
    if (stream(seed, "split", t.id).next() < testFraction) test.push({ ...t, split: "test" });
    else train.push({ ...t, split: "train" });
  }
  return { train, test };
}
