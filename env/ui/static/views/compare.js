/** @module The compare page (`#/compare?quality=reward|success`): the viewer's runs side by side, the cost–quality frontier, success by hop count. */
import { api } from "../lib/api.js";
import { frontierSvg, hopsSvg } from "../lib/compare-charts.js";
import { num, pct, secs } from "../lib/format.js";
import { html } from "../lib/html.js";

const usd = (x) => `$${x < 0.01 ? x.toFixed(5) : x.toFixed(4)}`;
const panel = (title, body, note = "", cls = "") => html`<section class="panel ${cls}"><h3>${title}</h3>${body}${note ? html`<p class="note">${note}</p>` : ""}</section>`;

function runTable(c) {
  const g = [...new Set(c.rows.map((r) => r.g))];
  return html`<div class="scroll"><table class="compare-table">
    <tr><th>run</th><th>policy</th><th>model</th><th class="num">episodes</th><th class="num">success</th><th class="num">reward</th><th class="num">pass@1</th>
      <th class="num">${g.length === 1 ? `pass@${g[0]}` : "pass@G"}</th><th class="num">tokens in/out</th><th class="num">tool calls</th><th class="num">searches</th>
      <th class="num">pages</th><th class="num">sim time</th><th class="num">wall time</th><th class="num">$/episode</th><th class="num">ROI</th><th>frontier</th></tr>
    ${c.rows.map(
      (r) => html`<tr class="${r.dominated ? "dominated" : "frontier"}" data-label="${r.label}">
        <td><b>${r.label}</b><div class="muted url">${r.path}</div></td><td>${r.policy}</td><td>${r.model}</td><td class="num">${num(r.episodes)}</td>
        <td class="num">${pct(r.successRate)}</td><td class="num">${num(r.meanReward)}</td><td class="num">${pct(r.passAt1)}</td><td class="num">${pct(r.passAtG)}</td>
        <td class="num">${r.tokensIn === null ? "–" : `${num(r.tokensIn, 0)} / ${num(r.tokensOut, 0)}`}</td><td class="num">${num(r.toolCalls, 2)}</td>
        <td class="num">${num(r.searches, 2)}</td><td class="num">${num(r.pagesOpened, 2)}</td><td class="num">${secs(r.simSeconds)}</td><td class="num">${secs(r.wallSeconds)}</td>
        <td class="num">${usd(r.costUsd)}</td><td class="num">${num(r.roi, 1)}</td><td>${r.dominated ? html`<span class="badge">dominated</span>` : html`<span class="badge ok">frontier</span>`}</td></tr>`,
    )}</table></div>`;
}

function sliceTable(c, by, title) {
  const keys = [...new Set(c.rows.flatMap((r) => r[by].map((s) => s.key)))];
  return html`<div class="scroll"><table class="compact slice-table" data-by="${by}"><tr><th>${title}</th>${c.rows.map((r) => html`<th class="num">${r.label}</th>`)}</tr>
    ${keys.map(
      (k) => html`<tr><td>${k}</td>${c.rows.map((r) => {
        const s = r[by].find((x) => x.key === k);
        return s ? html`<td class="num" title="${s.episodes} episodes · ${usd(s.costUsd)}/episode">${pct(s.successRate)} <span class="muted">${usd(s.costUsd)}</span></td>` : html`<td class="num">–</td>`;
      })}</tr>`,
    )}</table></div>`;
}

/** Renders `#/compare`. */
export async function renderCompare(params) {
  const quality = params.get("quality") === "success" ? "success" : "reward";
  const c = await api("compare", { quality });
  const toggle = html`<p class="muted">quality: ${["reward", "success"].map((q) => (q === quality ? html`<b>${q === "reward" ? "mean reward" : "success rate"}</b> ` : html`<a href="#/compare?quality=${q}">${q === "reward" ? "mean reward" : "success rate"}</a> `))}
    · ${c.logs.length} log${c.logs.length === 1 ? "" : "s"}${c.logs.length === 1 ? html` (pass more to <code>simweb view a.duckdb b.duckdb …</code> to compare them)` : ""}</p>`;
  if (c.rows.length === 0) return { title: "Compare", html: html`<h1>Compare runs</h1>${toggle}<p class="warn">${c.empty}</p>` };
  const front = c.rows.filter((r) => !r.dominated).sort((a, b) => a.costUsd - b.costUsd);
  const body = html`
    <h1>Compare runs <span class="muted">${c.rows.length} run${c.rows.length === 1 ? "" : "s"}</span></h1>
    ${toggle}
    <div class="grid">
      ${panel(`${quality === "success" ? "Success rate" : "Mean reward"} against cost`, frontierSvg(c.rows, quality), `frontier, cheapest first: ${front.map((r) => r.label).join(" → ")}; grey: dominated (another run is as good for no more money)`, "frontier-panel")}
      ${panel("Success by hop count", hopsSvg(c.rows), "", "hops-panel")}
    </div>
    ${runTable(c)}
    <p class="note">Means per episode. Cost: tokens, searches and pages at the price table's rates. ROI = max(0, quality − ${c.baseline}) / ((sim + wall seconds) × $/episode): quality gained per second × dollar (docs/compare.md).</p>
    <div class="grid">
      ${panel("Success and cost by task type", sliceTable(c, "byType", "task type"), "", "by-type")}
      ${panel("Success and cost by hop count", sliceTable(c, "byHops", "hops"), "", "by-hops")}
    </div>`;
  return { title: "Compare", html: body };
}
