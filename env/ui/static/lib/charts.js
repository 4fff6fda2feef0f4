/** @module Small inline-SVG charts (histograms, rate bars, time series); no library, no inline styles. */
import { html, raw } from "./html.js";
import { num, pct } from "./format.js";

const fmtEdge = (x) => num(x, Math.abs(x) >= 100 ? 0 : 2);

/**
 * A histogram as SVG columns. Each bar carries `data-n` (its count) and a tooltip with its range.
 * @param {{bins: {lo: number, hi: number, n: number}[], count: number}} hist
 * @param {{width?: number, height?: number, integer?: boolean, unit?: string}} [o]
 */
export function histogramSvg(hist, o = {}) {
  const W = o.width ?? 320;
  const H = o.height ?? 130;
  const m = { l: 34, r: 8, t: 8, b: 22 };
  if (!hist || hist.bins.length === 0) return html`<div class="empty">no data</div>`;
  const bins = hist.bins;
  const max = Math.max(1, ...bins.map((b) => b.n));
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const bw = iw / bins.length;
  const integer = bins.every((b) => Number.isInteger(b.lo) && b.hi - b.lo === 1);
  const bars = bins.map((b, i) => {
    const h = (b.n / max) * ih;
    const range = integer ? `${fmtEdge(b.lo)}` : `[${fmtEdge(b.lo)}, ${fmtEdge(b.hi)}${i === bins.length - 1 ? "]" : ")"}`;
    return html`<rect class="bar" data-n="${b.n}" x="${(m.l + i * bw + 0.5).toFixed(1)}" y="${(m.t + ih - h).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${range}: ${b.n}</title></rect>`;
  });
  const labels = integer && bins.length <= 16
    ? bins.map((b, i) => html`<text class="tick" x="${(m.l + (i + 0.5) * bw).toFixed(1)}" y="${H - 6}" text-anchor="middle">${fmtEdge(b.lo)}</text>`)
    : [
        html`<text class="tick" x="${m.l}" y="${H - 6}" text-anchor="start">${fmtEdge(bins[0].lo)}${o.unit ?? ""}</text>`,
        html`<text class="tick" x="${W - m.r}" y="${H - 6}" text-anchor="end">${fmtEdge(bins[bins.length - 1].hi)}${o.unit ?? ""}</text>`,
      ];
  return html`<svg class="chart hist" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" data-total="${hist.count}">
    <line class="axis" x1="${m.l}" y1="${m.t + ih}" x2="${W - m.r}" y2="${m.t + ih}"></line>
    <text class="tick" x="${m.l - 4}" y="${m.t + 8}" text-anchor="end">${max}</text>
    <text class="tick" x="${m.l - 4}" y="${m.t + ih}" text-anchor="end">0</text>
    ${bars}${labels}</svg>`;
}

/**
 * Success rate per category as horizontal bars with the rate and episode count.
 * @param {{key: string, episodes: number, successes: number, rate: number}[]} rows
 * @param {{width?: number}} [o]
 */
export function rateBarsSvg(rows, o = {}) {
  if (!rows || rows.length === 0) return html`<div class="empty">no data</div>`;
  const W = o.width ?? 360;
  const row = 22;
  const H = rows.length * row + 4;
  const lw = 110;
  const bw = W - lw - 110;
  const items = rows.map((r, i) => {
    const y = 2 + i * row;
    return html`<g class="rate" data-key="${r.key}" data-rate="${r.rate}" data-n="${r.episodes}">
      <text class="label" x="${lw - 6}" y="${y + 15}" text-anchor="end">${r.key}</text>
      <rect class="track" x="${lw}" y="${y + 4}" width="${bw}" height="14"></rect>
      <rect class="bar" x="${lw}" y="${y + 4}" width="${(r.rate * bw).toFixed(1)}" height="14"><title>${r.successes}/${r.episodes}</title></rect>
      <text class="value" x="${lw + bw + 6}" y="${y + 15}">${pct(r.rate)} (${r.successes}/${r.episodes})</text></g>`;
  });
  return html`<svg class="chart rates" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img">${items}</svg>`;
}

/**
 * Episodes finished per time bucket as columns over time.
 * @param {{bucketSeconds: number, buckets: {t: number, n: number}[], spanSeconds: number}} tp
 * @param {{width?: number, height?: number}} [o]
 */
export function throughputSvg(tp, o = {}) {
  if (!tp || tp.buckets.length === 0) return html`<div class="empty">no data</div>`;
  const W = o.width ?? 660;
  const H = o.height ?? 130;
  const m = { l: 34, r: 8, t: 8, b: 22 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const max = Math.max(1, ...tp.buckets.map((b) => b.n));
  const bw = iw / tp.buckets.length;
  const bars = tp.buckets.map((b, i) => {
    const h = (b.n / max) * ih;
    return html`<rect class="bar" data-n="${b.n}" x="${(m.l + i * bw + 0.5).toFixed(1)}" y="${(m.t + ih - h).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${num(b.t)}–${num(b.t + tp.bucketSeconds)} s: ${b.n}</title></rect>`;
  });
  const end = tp.buckets.length * tp.bucketSeconds;
  return html`<svg class="chart series" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" data-total="${tp.buckets.reduce((a, b) => a + b.n, 0)}">
    <line class="axis" x1="${m.l}" y1="${m.t + ih}" x2="${W - m.r}" y2="${m.t + ih}"></line>
    <text class="tick" x="${m.l - 4}" y="${m.t + 8}" text-anchor="end">${max}</text>
    <text class="tick" x="${m.l - 4}" y="${m.t + ih}" text-anchor="end">0</text>
    <text class="tick" x="${m.l}" y="${H - 6}">0 s</text>
    <text class="tick" x="${W - m.r}" y="${H - 6}" text-anchor="end">${num(end)} s</text>
    ${bars}</svg>`;
}

/**
 * A small horizontal bar for a value in [-max, max] (advantages), centred on zero.
 * @param {number | null} v
 * @param {number} max
 */
export function signedBarSvg(v, max) {
  const W = 80;
  const H = 12;
  if (v === null || v === undefined) return raw("");
  const half = W / 2;
  const w = Math.min(half, (Math.abs(v) / Math.max(1e-9, max)) * half);
  return html`<svg class="signed" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><line class="axis" x1="${half}" y1="0" x2="${half}" y2="${H}"></line><rect class="${v >= 0 ? "pos" : "neg"}" x="${(v >= 0 ? half : half - w).toFixed(1)}" y="2" width="${w.toFixed(1)}" height="${H - 4}"></rect></svg>`;
}

/**
 * Reward over time (mean reward of the episodes finished in each bucket, dots joined by a line) or failures
 * over time (failed and interrupted episodes per bucket, red columns). Each point carries `data-n`.
 * @param {{bucketSeconds: number, buckets: {t: number, done: number, failed: number, meanReward: number | null}[]}} tl
 * @param {"reward" | "failures"} kind
 * @param {{width?: number, height?: number}} [o]
 */
export function timelineSvg(tl, kind, o = {}) {
  if (!tl || tl.buckets.length === 0) return html`<div class="empty">no data</div>`;
  const W = o.width ?? 400;
  const H = o.height ?? 130;
  const m = { l: 34, r: 8, t: 8, b: 22 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const bw = iw / tl.buckets.length;
  const end = tl.buckets.length * tl.bucketSeconds;
  const frame = (top, body, total) => html`<svg class="chart series ${kind}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" data-total="${total}">
    <line class="axis" x1="${m.l}" y1="${m.t + ih}" x2="${W - m.r}" y2="${m.t + ih}"></line>
    <text class="tick" x="${m.l - 4}" y="${m.t + 8}" text-anchor="end">${top}</text>
    <text class="tick" x="${m.l}" y="${H - 6}">0 s</text>
    <text class="tick" x="${W - m.r}" y="${H - 6}" text-anchor="end">${num(end)} s</text>
    ${body}</svg>`;
  if (kind === "failures") {
    const max = Math.max(1, ...tl.buckets.map((b) => b.failed));
    const bars = tl.buckets.map((b, i) => {
      const h = (b.failed / max) * ih;
      return html`<rect class="bar fail" data-n="${b.failed}" x="${(m.l + i * bw + 0.5).toFixed(1)}" y="${(m.t + ih - h).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${num(b.t)}–${num(b.t + tl.bucketSeconds)} s: ${b.failed} failed</title></rect>`;
    });
    return frame(max, bars, tl.buckets.reduce((a, b) => a + b.failed, 0));
  }
  const pts = tl.buckets.map((b, i) => (b.meanReward === null ? null : { b, x: m.l + (i + 0.5) * bw, v: b.meanReward })).filter(Boolean);
  const lo = Math.min(0, ...pts.map((p) => p.v));
  const hi = Math.max(1, ...pts.map((p) => p.v));
  const y = (v) => m.t + ih - ((v - lo) / (hi - lo || 1)) * ih;
  const line = pts.length > 1 ? html`<polyline class="line" points="${pts.map((p) => `${p.x.toFixed(1)},${y(p.v).toFixed(1)}`).join(" ")}"></polyline>` : "";
  const dots = pts.map((p) => html`<circle class="dot" data-n="${p.b.done}" data-reward="${p.v}" cx="${p.x.toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="3"><title>${num(p.b.t)}–${num(p.b.t + tl.bucketSeconds)} s: mean ${num(p.v)} over ${p.b.done}</title></circle>`);
  return frame(num(hi), html`${line}${dots}`, tl.buckets.reduce((a, b) => a + b.done, 0));
}
