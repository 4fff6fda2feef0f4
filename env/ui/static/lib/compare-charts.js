/** @module The compare page's inline-SVG charts: quality against cost with the Pareto frontier, success against hop count per run. */
import { html } from "./html.js";
import { pct } from "./format.js";

const usd = (x) => `$${x < 0.01 ? x.toFixed(5) : x.toFixed(4)}`;
const qualityText = (quality, x) => (quality === "success" ? pct(x) : x.toFixed(3));
/** A range padded so no point sits on the frame. */
function span(xs, minWidth) {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = Math.max(hi - lo, minWidth) * 0.12;
  return [lo - pad, hi + pad];
}

/**
 * Each run as a point at (dollars per episode, quality); the frontier's points joined cheapest first, dominated runs
 * greyed. Points carry `data-label`, `data-cost`, `data-quality` and `data-dominated`.
 * @param {{label: string, policy: string, costUsd: number, quality: number, dominated: boolean}[]} rows
 * @param {"reward" | "success"} quality
 */
export function frontierSvg(rows, quality, o = {}) {
  if (!rows || rows.length === 0) return html`<div class="empty">no data</div>`;
  const W = o.width ?? 560;
  const H = o.height ?? 320;
  const m = { l: 56, r: 16, t: 14, b: 40 };
  const [x0, x1] = span(rows.map((r) => r.costUsd), 1e-4);
  const [y0, y1] = span(rows.map((r) => r.quality), 0.01);
  const X = (v) => m.l + ((v - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (v) => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const front = rows.filter((r) => !r.dominated).sort((a, b) => a.costUsd - b.costUsd || b.quality - a.quality);
  const path = front.map((r) => `${X(r.costUsd).toFixed(1)},${Y(r.quality).toFixed(1)}`).join(" ");
  const points = rows.map(
    (r) => html`<g class="run ${r.dominated ? "dominated" : "frontier"}" data-label="${r.label}" data-cost="${r.costUsd}" data-quality="${r.quality}" data-dominated="${r.dominated}">
      <circle cx="${X(r.costUsd).toFixed(1)}" cy="${Y(r.quality).toFixed(1)}" r="6"><title>${r.label} (${r.policy}): ${qualityText(quality, r.quality)} at ${usd(r.costUsd)}/episode${r.dominated ? " · dominated" : " · on the frontier"}</title></circle>
      <text class="label" x="${(X(r.costUsd) + 9).toFixed(1)}" y="${(Y(r.quality) - 7).toFixed(1)}">${r.label}</text></g>`,
  );
  return html`<svg class="chart frontier-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" data-runs="${rows.length}">
    <line class="axis" x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}"></line>
    <line class="axis" x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}"></line>
    <text class="tick" x="${m.l}" y="${H - m.b + 14}" text-anchor="start">${usd(x0)}</text>
    <text class="tick" x="${W - m.r}" y="${H - m.b + 14}" text-anchor="end">${usd(x1)}</text>
    <text class="tick" x="${(W + m.l) / 2}" y="${H - 6}" text-anchor="middle">cost per episode</text>
    <text class="tick" x="${m.l - 4}" y="${m.t + 8}" text-anchor="end">${qualityText(quality, y1)}</text>
    <text class="tick" x="${m.l - 4}" y="${H - m.b}" text-anchor="end">${qualityText(quality, y0)}</text>
    <text class="tick" x="12" y="${(H - m.b + m.t) / 2}" text-anchor="middle" transform="rotate(-90 12 ${(H - m.b + m.t) / 2})">${quality === "success" ? "success rate" : "mean reward"}</text>
    <polyline class="frontier-line" points="${path}" data-points="${front.length}"></polyline>
    ${points}</svg>`;
}

const hopOrder = (a, b) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : String(a).localeCompare(String(b)));

/**
 * Success rate against hop count, one line per run (series colours by index). Each point carries `data-run`,
 * `data-hops`, `data-rate` and `data-n`.
 * @param {{label: string, byHops: {key: string, successRate: number, episodes: number}[]}[]} rows
 */
export function hopsSvg(rows, o = {}) {
  const keys = [...new Set((rows ?? []).flatMap((r) => r.byHops.map((s) => s.key)))].sort(hopOrder);
  if (keys.length === 0) return html`<div class="empty">no data</div>`;
  const W = o.width ?? 560;
  const H = o.height ?? 260;
  const m = { l: 44, r: 120, t: 12, b: 36 };
  const X = (i) => m.l + (keys.length === 1 ? 0.5 : i / (keys.length - 1)) * (W - m.l - m.r);
  const Y = (v) => H - m.b - v * (H - m.t - m.b);
  const lines = rows.map((r, i) => {
    const pts = keys.map((k, j) => ({ k, j, s: r.byHops.find((s) => s.key === k) })).filter((p) => p.s !== undefined);
    return html`<g class="series s${i % 6}" data-run="${r.label}">
      <polyline class="line" points="${pts.map((p) => `${X(p.j).toFixed(1)},${Y(p.s.successRate).toFixed(1)}`).join(" ")}"></polyline>
      ${pts.map((p) => html`<circle class="dot" cx="${X(p.j).toFixed(1)}" cy="${Y(p.s.successRate).toFixed(1)}" r="4" data-run="${r.label}" data-hops="${p.k}" data-rate="${p.s.successRate}" data-n="${p.s.episodes}"><title>${r.label}, ${p.k} hop(s): ${pct(p.s.successRate)} of ${p.s.episodes}</title></circle>`)}
      <rect class="swatch" x="${W - m.r + 12}" y="${m.t + i * 18}" width="10" height="10"></rect>
      <text class="label" x="${W - m.r + 26}" y="${m.t + i * 18 + 9}">${r.label}</text></g>`;
  });
  return html`<svg class="chart hops-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" data-hops="${keys.join(",")}">
    <line class="axis" x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}"></line>
    <line class="axis" x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}"></line>
    <text class="tick" x="${m.l - 4}" y="${m.t + 8}" text-anchor="end">100%</text>
    <text class="tick" x="${m.l - 4}" y="${H - m.b}" text-anchor="end">0%</text>
    ${keys.map((k, j) => html`<text class="tick" x="${X(j).toFixed(1)}" y="${H - m.b + 14}" text-anchor="middle">${k}</text>`)}
    <text class="tick" x="${(W - m.r + m.l) / 2}" y="${H - 6}" text-anchor="middle">hops</text>
    ${lines}</svg>`;
}
