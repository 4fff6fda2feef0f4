/**
 * @module The ground floor: records every room shares (task, trajectory, chat messages, episode meta),
 * seeded random streams and the coded-error base. Imports nothing else of the project.
 */
export { CodedError } from "./coded-error.ts";
export { fastStream, stream, type Rng } from "./seeded-stream.ts";
export type { Task } from "./task.ts";
export type { RecordedStep, StepExtra, ToolCall, Trajectory, TrajectoryStep } from "./trajectory.ts";
export { appendTurn, type ChatMessage, type StepTurn, type WireToolCall } from "./chat.ts";
export type { EpisodeMeta } from "./episode-meta.ts";
export { CORPUS_DIGEST_HEADER, REPLICA_HEADER, REPLICA_NAME_RE, type ReplicaIdentity } from "./replica-identity.ts";
