/** @module What a route handler returns, and the helpers that build JSON, text and error replies. */
import { HttpError } from "./errors.ts";

/**
 * A response body written incrementally: called once the status and headers are sent (chunked, no
 * `Content-Length`); it writes through the sink, which honours backpressure.
 */
export type BodyWriter = (sink: BodySink) => Promise<void>;

/** Where a {@link BodyWriter} writes (see `body-sink.ts`). */
export interface BodySink {
  /** Queues `chunk`; returns undefined, or a promise to await when the socket's buffer is full (settles on `drain`). */
  write(chunk: string): Promise<void> | undefined;
  /** True once the client has gone: stop working. */
  readonly closed: boolean;
}

/** A response: status, content type, body (whole, or written by a {@link BodyWriter}) and extra headers. */
export interface Reply {
  status: number;
  /** Content-Type header value. */
  type: string;
  body: string | Buffer | BodyWriter;
  headers?: Record<string, string>;
}

/** Content types used by the server. */
export const JSON_TYPE = "application/json; charset=utf-8";
export const TEXT_TYPE = "text/plain; charset=utf-8";
export const HTML_TYPE = "text/html; charset=utf-8";
export const MARKDOWN_TYPE = "text/markdown; charset=utf-8";

/**
 * A JSON reply (status 200 unless given).
 * @example
 * return json({ status: "ok" });
 */
export function json(value: unknown, status = 200, headers?: Record<string, string>): Reply {
  return { status, type: JSON_TYPE, body: JSON.stringify(value), headers };
}

/** A text reply of the given content type. */
export function text(body: string | Buffer, type = TEXT_TYPE, status = 200, headers?: Record<string, string>): Reply {
  return { status, type, body, headers };
}

/** The JSON error reply of an HttpError: `{"error": {"code", "message"}}`. */
export function errorReply(err: HttpError): Reply {
  return json({ error: { code: err.code, message: err.message } }, err.status, { ...err.headers });
}
