/** @module Typed errors of episodes and the wire protocols; the codes reach WebSocket and HTTP payloads. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes (OpenEnv's set plus simweb's): `INVALID_JSON`, `UNKNOWN_TYPE`, `VALIDATION_ERROR`,
 * `RESET_NEEDED` (step before reset, or after the episode ended), `EXECUTION_ERROR`, `CAPACITY_REACHED`,
 * `SESSION_ERROR`, `UNKNOWN_TASK`, `MESSAGE_TOO_BIG`, `UNAUTHORIZED`.
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
  | "UNAUTHORIZED";

/** Base error of `env/`; `code` is stable and safe to match on. */
export class EnvError extends CodedError<EnvErrorCode> {
  constructor(code: EnvErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "EnvError";
  }
}
