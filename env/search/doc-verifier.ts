/** @module The extra check a top-k loop runs on a candidate that already beats the threshold (phrase verification). */

/** True when document `doc` really matches (e.g. holds the quoted phrase). */
export type DocVerifier = (doc: number) => boolean;
