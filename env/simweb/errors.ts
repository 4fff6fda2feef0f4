/** @module Typed errors of the composition root, with stable codes. */
import { CodedError } from "../../core/index.ts";

/** Stable error codes raised by `env/simweb/` itself (the rooms it composes raise their own). */
export type SimWebErrorCode = "BAD_REPLICA_NAME" | "BAD_RUBRIC";

/** Base error of `env/simweb`; `code` is stable and safe to match on. */
export class SimWebError extends CodedError<SimWebErrorCode> {
  constructor(code: SimWebErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "SimWebError";
  }
}
