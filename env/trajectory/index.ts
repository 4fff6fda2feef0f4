/**
 * @module Public surface of the trajectory log: its schema, the batched crash-safe writer, the
 * served-episode sink and the typed read API. The only room that knows the log's tables.
 */
export { LOG_DDL, LOG_MIGRATIONS, LOG_SCHEMA_VERSION } from "./log-schema.ts";
export { DEFAULT_BATCH_EPISODES, TrajectoryLog, type LogStats, type TrajectoryLogOptions } from "./trajectory-log.ts";
export { ServedEpisodeLog } from "./served-episode-log.ts";
export { readLog } from "./read-log.ts";
export { LogReader, type ListOptions, type LogReaderOptions } from "./log-reader.ts";
export { EPISODE_SORTS, type EpisodeFilter } from "./log-filter.ts";
export { liveSnapshotPath, type LogSource } from "./log-source.ts";
export { expandLogPaths, isLogGlob } from "./log-paths.ts";
export {
  plain,
  type EpisodeDetail,
  type EpisodeOutcome,
  type EpisodeSummary,
  type EpisodeUsage,
  type GroupMember,
  type GroupSummary,
  type LogChoices,
  type LogContents,
  type LoggedEpisode,
  type LoggedRun,
  type LoggedStep,
  type Page,
  type StepAction,
} from "./log-records.ts";
export { TrajectoryError, type TrajectoryErrorCode } from "./errors.ts";
export { LiveSnapshot, type LiveSnapshotOptions, type LiveSnapshotStats } from "./live-snapshot.ts";
