/**
 * @module Public surface of the trajectory log: its schema, the batched crash-safe writer, the
 * served-episode sink and the typed readers. The only room that knows the log's tables.
 */
export { LOG_DDL, LOG_SCHEMA_VERSION } from "./log-schema.ts";
export { DEFAULT_BATCH_EPISODES, TrajectoryLog, type LogStats, type TrajectoryLogOptions } from "./trajectory-log.ts";
export { ServedEpisodeLog } from "./served-episode-log.ts";
export { readLog, type LogContents, type LoggedEpisode, type LoggedStep } from "./read-log.ts";
export { TrajectoryError, type TrajectoryErrorCode } from "./errors.ts";
