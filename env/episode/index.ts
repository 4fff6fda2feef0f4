/** @module Public surface of the episode: the Gym state machine, its ports, the tool schemas and errors. */
export { DEFAULT_LIMITS, Episode, type EpisodeDeps, type EpisodeLimits, type ResetArgs, type ResetResult, type StepResult } from "./episode.ts";
export type { EpisodeReward, EpisodeSink, EpisodeState, FaultDraw, FaultSource, RewardScorer, TaskSource } from "./ports.ts";
export type { EpisodeWeb, OpenedPage, OpenResult, PageView, SearchHit, SearchPage } from "./web.ts";
export { adhocTask, type AdhocTaskInput } from "./adhoc-task.ts";
export { TOOL_SCHEMAS, type ToolSchema } from "./tool-schemas.ts";
export { EnvError, type EnvErrorCode } from "./errors.ts";
