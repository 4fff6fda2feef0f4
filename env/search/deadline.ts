/**
 * @module A search's time budget, read cheaply: the top-k loops charge the postings they touch and
 * the clock is read only every {@link DEADLINE_CHECK_POSTINGS} of them, never per posting.
 */

/** Postings (a skipped window or a lead document counts as one) between two reads of the clock. */
export const DEADLINE_CHECK_POSTINGS = 16_384;

/**
 * A deadline on `performance.now()`. Once it has expired, `expired` stays true and the loops stop
 * with the best hits found so far.
 * @example
 * const d = new Deadline(25); // 25 ms from now
 * while (!d.spend(1)) work();
 */
export class Deadline {
  /** `performance.now()` at which the budget runs out. */
  readonly at: number;
  /** True once a clock read found the budget spent. */
  expired = false;
  private work = 0;
  private readonly every: number;

  /** `budgetMs` from `now`; the clock is read every `checkEvery` units of work. */
  constructor(budgetMs: number, now = performance.now(), checkEvery = DEADLINE_CHECK_POSTINGS) {
    this.at = now + budgetMs;
    this.every = checkEvery;
  }

  /** Counts `postings` units of work without reading the clock. */
  charge(postings: number): void {
    this.work += postings;
  }

  /** Counts `postings` units and returns true when the budget is spent (the clock is read every {@link DEADLINE_CHECK_POSTINGS} units). */
  spend(postings: number): boolean {
    this.work += postings;
    if (this.work < this.every) return this.expired;
    this.work = 0;
    if (performance.now() >= this.at) this.expired = true;
    return this.expired;
  }
}
