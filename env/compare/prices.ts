/** @module The price table of a comparison: dollars per 1M input/output tokens, per search call and per page opened, by model. */
import { readFileSync } from "node:fs";
import { CompareError } from "./errors.ts";

/** What one model's episodes cost. */
export interface ModelPrice {
  /** Dollars per 1M prompt (input) tokens. */
  inputPer1M: number;
  /** Dollars per 1M completion (output) tokens. */
  outputPer1M: number;
  /** Dollars per `search` call. */
  perSearch: number;
  /** Dollars per `open` call (a page fetch; 0 to leave page reads free). */
  perOpen: number;
}

/** Prices by model name; `*` applies to every model not named. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * The prices used without `--prices`: tokens unpriced (a scripted policy reports none), $5 per 1,000 searches and
 * $1 per 1,000 page fetches (the order of magnitude of hosted search and contents APIs in 2025).
 */
export const DEFAULT_PRICES: PriceTable = { "*": { inputPer1M: 0, outputPer1M: 0, perSearch: 0.005, perOpen: 0.001 } };

const FIELDS = { input_per_1m: "inputPer1M", output_per_1m: "outputPer1M", per_search: "perSearch", per_open: "perOpen" } as const;

/**
 * Parses a price table: `{"<model>": {"input_per_1m": 0.15, "output_per_1m": 0.6, "per_search": 0.005, "per_open": 0.001}, "*": {...}}`.
 * Missing fields are 0; a model not named falls back to `*`, then to {@link DEFAULT_PRICES}. `BAD_PRICES` otherwise.
 * @example
 * parsePrices('{"Qwen/Qwen3-4B": {"input_per_1m": 0.05, "output_per_1m": 0.2, "per_search": 0.005}}', "prices.json");
 */
export function parsePrices(text: string, source = "prices"): PriceTable {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CompareError("BAD_PRICES", `${source} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new CompareError("BAD_PRICES", `${source} must be an object of model → prices`);
  const out: Record<string, ModelPrice> = { ...DEFAULT_PRICES };
  for (const [model, p] of Object.entries(raw as Record<string, unknown>)) {
    if (p === null || typeof p !== "object" || Array.isArray(p)) throw new CompareError("BAD_PRICES", `${source}: ${model} must be an object`);
    const price: ModelPrice = { inputPer1M: 0, outputPer1M: 0, perSearch: 0, perOpen: 0 };
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
      const field = FIELDS[k as keyof typeof FIELDS];
      if (field === undefined) throw new CompareError("BAD_PRICES", `${source}: ${model}.${k} is not one of ${Object.keys(FIELDS).join(", ")}`);
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new CompareError("BAD_PRICES", `${source}: ${model}.${k} must be a number ≥ 0`);
      price[field] = v;
    }
    out[model] = price;
  }
  return out;
}

/** Reads and parses a price table file (`BAD_PRICES` when unreadable). */
export function readPrices(path: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CompareError("BAD_PRICES", `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parsePrices(text, path);
}

/** The prices of `model` (its own entry, else `*`, else the defaults). */
export function priceOf(prices: PriceTable, model: string): ModelPrice {
  return prices[model] ?? prices["*"] ?? (DEFAULT_PRICES["*"] as ModelPrice);
}

/** Dollars one episode cost: tokens (unreported count as 0), searches and page opens at the model's prices. */
export function episodeCost(p: ModelPrice, use: { tokensIn: number; tokensOut: number; searches: number; opens: number }): number {
  return (use.tokensIn / 1e6) * p.inputPer1M + (use.tokensOut / 1e6) * p.outputPer1M + use.searches * p.perSearch + use.opens * p.perOpen;
}
