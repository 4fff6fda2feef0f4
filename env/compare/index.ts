/** @module Public surface of the run comparison: runs side by side on cost and quality, the frontier, the tables. */
export {
  compareRuns,
  modelOf,
  policyLabel,
  readRunLog,
  runLogOf,
  type Comparison,
  type CompareOptions,
  type CompareRow,
  type RunLog,
  type SliceStats,
  type TaskKind,
  type TaskLookup,
} from "./compare-runs.ts";
export { passAtKOverGroups, QUALITY_MEASURES, runStats, type QualityMeasure, type RunStats, type StatsContext } from "./run-stats.ts";
export { DEFAULT_PRICES, episodeCost, parsePrices, priceOf, readPrices, type ModelPrice, type PriceTable } from "./prices.ts";
export { dominated, frontierOrder, type CostQuality } from "./frontier.ts";
export { formatComparison, formatFrontier, formatRuns, formatSlices } from "./format-compare.ts";
export { comparisonTable, statColumn, writeComparisonParquet } from "./compare-table.ts";
export { CompareError, type CompareErrorCode } from "./errors.ts";
