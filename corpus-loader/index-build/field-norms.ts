/** @module BM25F per-field length normalisation: each page's field weights divided by its field-length norms, and the pseudo-tf of a posting. */
import { BODY_FIELD, FIELD_NAMES, type FieldSpec, type IndexField } from "../../env/search/index.ts";
import type { InvertedPostings } from "./postings-builder.ts";

const F = FIELD_NAMES.length;

/** Per-page field factors: `norm[d × F + f] = weight_f / (1 - b_f + b_f × len_f(d) / avgLen_f)`. */
export interface FieldNorms {
  norm: Float64Array;
  /** The fields with the averages they were normalised with. */
  fields: IndexField[];
}

/**
 * Computes the per-page BM25F factors from the field lengths (`docFieldLen[d × F + f]`). Averages run
 * over the `pages` indexed pages (ids not indexed have all lengths 0 and are not counted).
 */
export function fieldNorms(docFieldLen: Uint32Array, docSpan: number, pages: number, specs: readonly FieldSpec[]): FieldNorms {
  const sums = new Float64Array(F);
  for (let d = 0; d < docSpan; d++) for (let f = 0; f < F; f++) sums[f] = (sums[f] as number) + (docFieldLen[d * F + f] as number);
  const fields: IndexField[] = specs.map((s, f) => ({ ...s, avgLen: pages > 0 ? (sums[f] as number) / pages : 0 }));
  const norm = new Float64Array(docSpan * F);
  for (let f = 0; f < F; f++) {
    const { weight, b, avgLen } = fields[f] as IndexField;
    if (weight === 0 || avgLen === 0) continue;
    for (let d = 0; d < docSpan; d++) {
      norm[d * F + f] = weight / (1 - b + (b * (docFieldLen[d * F + f] as number)) / avgLen);
    }
  }
  return { norm, fields };
}

/**
 * BM25F pseudo term frequency of posting `i`: `Σ_f tf_f × weight_f / (1 - b_f + b_f × len_f / avgLen_f)`.
 * The score of the posting is then `idf × tf~ / (tf~ + k1)` (with one field of weight 1 this is Lucene's BM25).
 */
export function pseudoTf(inv: InvertedPostings, i: number, norm: Float64Array): number {
  const base = (inv.docs[i] as number) * F;
  let tf = (inv.tfs[i] as number) * (norm[base + BODY_FIELD] as number);
  let small = inv.smalls[i] as number;
  for (let f = 0; small !== 0; f++, small >>>= 8) {
    const c = small & 0xff;
    if (c !== 0) tf += c * (norm[base + f] as number);
  }
  return tf;
}
