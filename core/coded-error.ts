/** @module The coded-error base every room's typed errors extend: a stable SCREAMING_SNAKE `code`, `cause` passed through. */

/**
 * Base of simweb's typed errors. Each room declares its code union and one subclass
 * (`LoaderError`, `EnvError`, `HttpError`...); `code` is stable and safe to match on.
 * @example
 * type PagesErrorCode = "PAGE_NOT_FOUND" | "BAD_URL";
 * class PagesError extends CodedError<PagesErrorCode> {
 *   constructor(code: PagesErrorCode, message: string, options?: ErrorOptions) {
 *     super(code, message, options);
 *     this.name = "PagesError";
 *   }
 * }
 * if (err instanceof CodedError && err.code === "PAGE_NOT_FOUND") { ... }
 */
export class CodedError<C extends string = string> extends Error {
  readonly code: C;
  constructor(code: C, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CodedError";
    this.code = code;
  }
}
