/** @module Typed errors of the HTTP server, with stable codes and the HTTP status each one answers. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable error codes of `env/http/` (the episode codes `INVALID_JSON`, `VALIDATION_ERROR`,
 * `UNAUTHORIZED`, `MESSAGE_TOO_BIG`… keep their meaning; the rest are HTTP-specific).
 */
export type HttpErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "PAYLOAD_TOO_LARGE"
  | "RESPONSE_TOO_LARGE"
  | "URI_TOO_LONG"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "INVALID_JSON"
  | "VALIDATION_ERROR"
  | "UNKNOWN_PARAMETER"
  | "UNAUTHORIZED"
  | "FORBIDDEN_HOST"
  | "FORBIDDEN_ORIGIN"
  | "OVERLOADED"
  | "BAD_URL"
  | "HTML_UNAVAILABLE"
  | "RATE_LIMITED"
  | "SIMULATED_SERVER_ERROR"
  | "SERVICE_UNAVAILABLE"
  | "TIMEOUT"
  | "INTERNAL_ERROR";

/** HTTP status of each code. */
export const STATUS_OF: Readonly<Record<HttpErrorCode, number>> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  RESPONSE_TOO_LARGE: 400,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_JSON: 400,
  VALIDATION_ERROR: 400,
  UNKNOWN_PARAMETER: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_HOST: 403,
  FORBIDDEN_ORIGIN: 403,
  OVERLOADED: 429,
  BAD_URL: 400,
  HTML_UNAVAILABLE: 404,
  RATE_LIMITED: 429,
  SIMULATED_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL_ERROR: 500,
};

/**
 * An error answered as `{"error": {"code", "message"}}` with `STATUS_OF[code]` (or `status`).
 * `headers` are added to the response (e.g. `Allow` on 405, `Retry-After` on 429).
 * @example
 * throw new HttpError("VALIDATION_ERROR", "k must be an integer in [1, 100], got 500");
 */
export class HttpError extends CodedError<HttpErrorCode> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(code: HttpErrorCode, message: string, options?: ErrorOptions & { headers?: Record<string, string>; status?: number }) {
    super(code, message, options);
    this.name = "HttpError";
    this.status = options?.status ?? STATUS_OF[code];
    this.headers = options?.headers ?? {};
  }
}
