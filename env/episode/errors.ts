/** @module Typed errors of episodes and the wire protocols; the codes reach WebSocket and HTTP payloads. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes (OpenEnv's set plus simweb's): `INVALID_JSON`, `UNKNOWN_TYPE`, `VALIDATION_ERROR`,
 * `RESET_NEEDED` (step before reset, or after the episode ended), `EXECUTION_ERROR`, `CAPACITY_REACHED`,
 * `SESSION_ERROR`, `UNKNOWN_TASK`, `MESSAGE_TOO_BIG`, `UNAUTHORIZED`, `CLIENT_LIMIT` (this client holds its
 * share of the sessions: per address or per token), `OVERLOADED` (new work shed while the server lags).
 */
export type EnvErrorCode =
  | "INVALID_JSON"
  | "UNKNOWN_TYPE"
  | "VALIDATION_ERROR"
  | "RESET_NEEDED"
  | "EXECUTION_ERROR"
  | "CAPACITY_REACHED"
  | "SESSION_ERROR"
  | "UNKNOWN_TASK"
  | "MESSAGE_TOO_BIG"
  | "UNAUTHORIZED"
  | "CLIENT_LIMIT"
  | "OVERLOADED";

/**
 * Base error of `env/`; `code` is stable and safe to match on. `retryAfterSeconds` is set when waiting
 * can help (`CAPACITY_REACHED`, `CLIENT_LIMIT`, `OVERLOADED`): HTTP sends it as `Retry-After`, the
 * WebSocket error reply as `retry_after`.
 */
export class EnvError extends CodedError<EnvErrorCode> {
  readonly retryAfterSeconds: number | undefined;
  constructor(code: EnvErrorCode, message: string, options?: ErrorOptions & { retryAfterSeconds?: number }) {
    super(code, message, options);
    this.name = "EnvError";
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
