/** @module Public surface of the rollout generator: runner, drivers, policies, task selection. */
export { DEFAULT_MAX_FAILURES, runRollouts, type RolloutOptions, type RolloutProgress, type RolloutSummary } from "./runner.ts";
export { localDriver, type DriverReset, type EpisodeDriver, type EpisodeHandle } from "./driver.ts";
export { remoteDriver, type RemoteDriverOptions } from "./remote-driver.ts";
export { episodeIdOf, episodeSeed } from "./seeds.ts";
export { resolveTasks } from "./task-selection.ts";
export { RolloutError, type FailureReason, type RolloutErrorCode } from "./errors.ts";
export * from "./policies/index.ts";
