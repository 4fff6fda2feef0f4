/** @module Named rubrics (default, search_r1, browsecomp...) and the per-task rubric choice. */
import { VerifierError } from "./errors.ts";
import { Rubric } from "./rubric.ts";
import type { RubricConfig } from "./rubric-config.ts";
import type { Task } from "../core/index.ts";

/** Weight-0 diagnostics reported by every named rubric. */
const METRICS: RubricConfig = {
  f1: 0,
  sub_em: 0,
  gold_page_opened: 0,
  valid_tool_calls: 0,
  single_answer: 0,
  repeated_queries: 0,
  num_searches: 0,
  num_opens: 0,
  num_steps: 0,
  tool_calls: 0,
  tokens: 0,
  sim_seconds: 0,
  gold_leak: 0,
};

/**
 * The default rubric: type-aware correctness (1), a valid supporting citation (0.2), the
 * no-search penalty (0.5 × −1) and invalid actions (0.1 × −fraction); ROI and the rest as metrics.
 * Citation rewards need `ctx.corpus`.
 */
export const DEFAULT_RUBRIC_CONFIG: RubricConfig = {
  correct: 1,
  citation_valid: 0.2,
  no_search_penalty: 0.5,
  invalid_actions: 0.1,
  roi: 0,
  citation_precision: 0,
  ...METRICS,
};

/** Rubric configs by name; a task's `rubric` field may name one. */
export const RUBRICS: Readonly<Record<string, RubricConfig>> = {
  default: DEFAULT_RUBRIC_CONFIG,
  /** Search-R1's outcome reward: exact match only. */
  search_r1: { exact_match: 1, ...METRICS },
  /** BrowseComp grading: the LLM judge decides (needs `ctx.judge`). */
  browsecomp: { llm_judge: 1, correct: 0, ...METRICS },
  /** Correct answers backed by evidence the agent actually read. */
  evidence: { correct: 1, gold_page_opened: 0.25, citation_valid: 0.25, citation_precision: 0.1, no_search_penalty: 0.5, ...METRICS },
  /** Correctness plus Agentic ROI for cost-aware training. */
  efficient: { correct: 1, roi: 0.5, no_search_penalty: 0.5, invalid_actions: 0.1, ...METRICS },
};

/** The default rubric, built once. */
export const DEFAULT_RUBRIC: Rubric = Rubric.fromConfig(DEFAULT_RUBRIC_CONFIG);

const built = new Map<string, Rubric>([["default", DEFAULT_RUBRIC]]);

/**
 * The rubric a task asks for: `task.rubric` null → `DEFAULT_RUBRIC`; a name in `RUBRICS` → that
 * rubric; a JSON object string → a rubric built from it. Rubrics are built once and reused.
 * Throws `UNKNOWN_RUBRIC` for an unknown name, and the config errors of `parseRubricConfig` for bad JSON configs.
 * @example
 * const rubric = rubricForTask(task); // task.rubric = "search_r1" or '{"exact_match":1}'
 */
export function rubricForTask(task: Pick<Task, "id" | "rubric">): Rubric {
  const spec = task.rubric?.trim() ?? "";
  if (spec === "") return DEFAULT_RUBRIC;
  const cached = built.get(spec);
  if (cached !== undefined) return cached;
  let rubric: Rubric;
  if (spec.startsWith("{")) {
    rubric = Rubric.fromConfig(spec);
  } else {
    const config = RUBRICS[spec];
    if (config === undefined) {
      throw new VerifierError(
        "UNKNOWN_RUBRIC",
        `task ${task.id} asks for rubric "${spec}", which is not one of ${Object.keys(RUBRICS).join(", ")} nor a JSON config`,
      );
    }
    rubric = Rubric.fromConfig(config);
  }
  built.set(spec, rubric);
  return rubric;
}
