/** @module Public surface of the run viewer: the `/ui` request handler and the pure pieces behind its JSON. */
export { createUiHandler, UI_HEADERS, type UiHandler, type UiHandlerOptions } from "./ui-handler.ts";
export { startUiServer, type UiServer } from "./ui-server.ts";
export { apiRoute, API_ROUTES, liveOf, MAX_LIMIT, type ApiDeps } from "./api/routes.ts";
export { filtersOf, type EpisodeFilters } from "./api/filters.ts";
export { RunStore, type RunDb } from "./run-store.ts";
export { readCorpusTasks, resolveCorpusPath, type CorpusTasks, type TaskMeta } from "./corpus-tasks.ts";
export { histogram, rateTable, type Bin, type Histogram, type RateRow } from "./histogram.ts";
export { actionKey, firstDivergence, type Divergence } from "./divergence.ts";
export { replaySchedule, throughputOf, timelineOf, type ScheduledEpisode, type Throughput, type Timeline, type TimelineBucket } from "./throughput.ts";
export { actionLabel } from "./action-label.ts";
export type { Overview } from "./api/overview.ts";
export type { EpisodeRow, Page, TaskRow } from "./api/lists.ts";
export type { GroupRollout, GroupView } from "./api/group.ts";
export type { EpisodeStep, EpisodeView, Verdict } from "./api/episode.ts";
export { UiError, type UiErrorCode } from "./errors.ts";
