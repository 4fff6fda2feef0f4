/** @module Public surface of the verifiers: reward functions, rubrics, the LLM judge, group helpers, tasks. */
export type { CorpusView } from "./types.ts";
export type { Task, ToolCall, Trajectory, TrajectoryStep } from "../core/index.ts";
export { VerifierError } from "./errors.ts";
export type { VerifierErrorCode } from "./errors.ts";
export { boolParam, defaultParams, numParam, strParam } from "./reward.ts";
export type { ParamSpec, ParamValue, Params, RewardContext, RewardDefinition, RewardFn, RewardResult } from "./reward.ts";
export { answerTokens, containsNormalized, foldUnicode, normalizeAnswer } from "./normalize.ts";
export { urlKey } from "./url-key.ts";

export { exactMatch, EXACT_MATCH } from "./correctness/exact-match.ts";
export { subEm, SUB_EM } from "./correctness/sub-em.ts";
export { f1Reward, tokenF1, F1 } from "./correctness/token-f1.ts";
export { numericMatch, NUMERIC_MATCH } from "./correctness/numeric-match.ts";
export { dateMatch, DATE_MATCH } from "./correctness/date-match.ts";
export { correct, CORRECT } from "./correctness/correct.ts";
export { checkContainment, countTypedCandidates } from "./correctness/anti-hacking.ts";
export type { ContainmentCheck, ContainmentRejection } from "./correctness/anti-hacking.ts";
export { extractQuantities, parseGoldQuantity, quantitiesMatch } from "./correctness/numbers.ts";
export type { Quantity } from "./correctness/numbers.ts";
export { findDates, parseGoldDate } from "./correctness/dates.ts";
export type { PartialDate } from "./correctness/dates.ts";

export { LlmJudge } from "./judge/llm-judge.ts";
export type { JudgeStats, LlmJudgeOptions } from "./judge/llm-judge.ts";
export { llmJudge, LLM_JUDGE } from "./judge/llm-judge-reward.ts";
export { MemoryJudgeCache } from "./judge/judge-cache.ts";
export type { JudgeCache, JudgeCacheKey } from "./judge/judge-cache.ts";
export { DuckDbJudgeCache, JUDGE_CACHE_DDL } from "./judge/duckdb-judge-cache.ts";
export { buildJudgeMessages, parseJudgeOutput, JUDGE_SYSTEM_PROMPT } from "./judge/judge-prompt.ts";
export type { ChatMessage } from "./judge/judge-prompt.ts";
export type { Judge, JudgeRequest, JudgeVerdict, Judgement } from "./judge/judge-types.ts";

export { checkCitations, citationPrecision, citationValid, goldLeak, goldPageOpened } from "./evidence.ts";
export type { CitationCheck } from "./evidence.ts";
export { answerLength, singleAnswer, validToolCalls } from "./format.ts";
export { invalidActions, noSearchPenalty, queryKey, repeatedQueries } from "./process.ts";
export { tokensUsed, toolCalls } from "./cost.ts";
export { roi, ROI } from "./roi.ts";

export { extendRegistry, lookupReward, REWARD_ALIASES, REWARD_FUNCTIONS } from "./registry.ts";
export type { RewardRegistry } from "./registry.ts";
export { parseRubricConfig } from "./rubric-config.ts";
export type { RubricConfig, RubricEntry, RubricEntryConfig } from "./rubric-config.ts";
export { Rubric } from "./rubric.ts";
export type { RubricScore } from "./rubric.ts";
export { DEFAULT_RUBRIC, DEFAULT_RUBRIC_CONFIG, RUBRICS, rubricForTask } from "./named-rubrics.ts";

export { groupAdvantages, majorityVote, meanStd, passAtK, passAtKFromScores } from "./group.ts";
export type { AdvantageOptions, MajorityVote, ScaleRewards } from "./group.ts";
export { ADHOC_TASK_PREFIX, parseTaskRow, parseTasksJsonl, questionFromPrompt, splitTasks } from "./tasks.ts";
export type { ParsedTasks, TaskRowOptions } from "./tasks.ts";
