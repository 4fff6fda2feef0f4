/** @module Typed refusals of the request guard (host, origin, token, load), each with its HTTP status. */
import { CodedError } from "../../core/index.ts";

/**
 * Stable codes of `env/guard/`: `UNAUTHORIZED` (401, no or wrong token), `FORBIDDEN_HOST` (403, a
 * `Host` header that is not a loopback name, an IP literal, the bound name or `--allow-host`),
 * `FORBIDDEN_ORIGIN` (403, a browser page of another origin), `OVERLOADED` (429, shed while the event
 * loop lags or too many requests are in flight; always with `Retry-After`).
 */
export type GuardErrorCode = "UNAUTHORIZED" | "FORBIDDEN_HOST" | "FORBIDDEN_ORIGIN" | "OVERLOADED";

/** HTTP status of each guard code. */
export const GUARD_STATUS: Readonly<Record<GuardErrorCode, number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN_HOST: 403,
  FORBIDDEN_ORIGIN: 403,
  OVERLOADED: 429,
};

/**
 * A request the guard refuses. `headers` go on the response (`WWW-Authenticate` on 401,
 * `Retry-After` on 429); `retryAfterSeconds` is set exactly when a retry can succeed by waiting.
 * @example
 * throw new GuardError("FORBIDDEN_ORIGIN", "cross-origin request from https://evil.example refused");
 */
export class GuardError extends CodedError<GuardErrorCode> {
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  constructor(code: GuardErrorCode, message: string, options?: ErrorOptions & { retryAfterSeconds?: number }) {
    super(code, message, options);
    this.name = "GuardError";
    this.status = GUARD_STATUS[code];
    this.retryAfterSeconds = options?.retryAfterSeconds;
    const headers: Record<string, string> = {};
    if (code === "UNAUTHORIZED") headers["WWW-Authenticate"] = 'Bearer realm="simweb"';
    if (this.retryAfterSeconds !== undefined) headers["Retry-After"] = String(this.retryAfterSeconds);
    this.headers = headers;
  }
}
