/** @module Public surface of the episode: the Gym state machine, its ports, tools and errors. */
export { TOOL_SCHEMAS, type ToolSchema } from "./tool-schemas.ts";
export { type EpisodeSink, Episode, type EpisodeDeps, type ResetResult, type StepResult, type EpisodeReward, type EpisodeState, type TaskSource, type EpisodeLimits, type ResetArgs } from "./episode.ts";
export type { EpisodeWeb, OpenResult, PageView, SearchHit } from "./web.ts";
export { EnvError, type EnvErrorCode } from "./errors.ts";
