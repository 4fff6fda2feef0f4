/**
 * @module A search's work budget: the top-k loops charge the postings they touch (a skipped window, a
 * lead document or a phrase check counts as a fixed number), and the search stops with its best hits
 * so far once the budget is spent. The budget counts work, not milliseconds, so the same query on the
 * same index always stops at the same point: results stay deterministic under any machine load, and
 * the time a search can hold its event loop is the budget divided by the engine's rate (measured in
 * `docs/guarantees.md`).
 */

/**
 * Default budget in work units: 140–195 ms of scoring at the rates `scripts/bench/search-budget.ts`
 * measured on this project's 2-core machine (2,571–3,639 units/ms over the demo world's 2,000 task
 * queries, a busy machine), 55× what the most expensive of those queries spends (9,011), and room for a
 * phrase query to verify ~2,000 candidate pages (256 units each), so only pathological queries are cut.
 */
export const DEFAULT_WORK_BUDGET = 500_000;

/**
 * A work budget. Once spent, `expired` stays true and the loops stop with the best hits found so far.
 * @example
 * const d = new Deadline(1_000_000); // one million postings
 * while (!d.spend(1)) work();
 */
export class Deadline {
  /** The budget, in postings. */
  readonly budget: number;
  /** True once the budget is spent. */
  expired = false;
  /** Postings charged so far. */
  work = 0;

  constructor(budget: number) {
    this.budget = budget;
  }

  /** Counts `postings` units of work. */
  charge(postings: number): void {
    this.work += postings;
  }

  /** Counts `postings` units and returns true when the budget is spent. */
  spend(postings: number): boolean {
    this.work += postings;
    if (this.work >= this.budget) this.expired = true;
    return this.expired;
  }
}
