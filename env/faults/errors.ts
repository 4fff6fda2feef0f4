/** @module Typed errors of the fault model, with stable codes. */
import { CodedError } from "../../core/index.ts";

/** Stable error codes raised by `env/faults/`. */
export type FaultErrorCode =
  | "FAULT_PROFILE_NOT_FOUND" // a profile name that is not built in and no such file
  | "FAULT_PROFILE_INVALID" // JSON that does not parse, or a field out of range / unknown
  | "INVALID_ARGUMENT"; // a bad draw() argument (negative step, non-finite training step...)

/** Base error of the fault model; `code` is stable and safe to match on. */
export class FaultError extends CodedError<FaultErrorCode> {
  constructor(code: FaultErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.name = "FaultError";
  }
}
