/** @module What verifiers read besides the task and the trajectory (both in `core/`): the corpus view evidence rewards need. */

/** Read access to the corpus that evidence verifiers need (kept pure: no I/O inside reward fns). */
export interface CorpusView {
  /** Page text by canonical URL, or null when not in the corpus. */
  pageText(url: string): string | null;
}
