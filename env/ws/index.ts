/** @module Public surface of the WebSocket session server and its HTTP mirror. */
export { attachWebSocketServer } from "./ws-server.ts";
export { PROTOCOL_VERSION, PROTOCOL_HEADER } from "./protocol-version.ts";
export type { WsServerOptions, WsServerHandle } from "./ws-server.ts";
export { createHttpMirror, HTTP_STATUS } from "./http-mirror.ts";
export type { HttpMirror, HttpMirrorOptions, MirrorResponse } from "./http-mirror.ts";
export { SessionSlots, defaultReserve, SLOT_RETRY_AFTER_S } from "./session-slots.ts";
export type { SessionLimits, SlotSource } from "./session-slots.ts";
export type { TransportStats, CloseReason, CountedCode } from "./stats.ts";
export { EpisodeGroup } from "./episode-group.ts";
export type { EpisodeFactory, EpisodeGroupOptions, GroupOutcome } from "./episode-group.ts";
export { validateClientMessage, resetArgs, stepData, InvalidMessageError, CLIENT_MESSAGE_TYPES } from "./protocol.ts";
export type { ClientMessage, RequestId, WireAction, StepTokens } from "./protocol.ts";
export type { ServerMessage, ObservationData, StateData, ErrorData } from "./replies.ts";
export { jsonDepth, parseGuardedJson, DEFAULT_MAX_DEPTH } from "./json-guard.ts";
export type { WsLog } from "./ws-connection.ts";
