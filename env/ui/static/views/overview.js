/** @module The run overview: headline numbers, reward and component histograms, success rates, steps, time, throughput. */
import { api } from "../lib/api.js";
import { histogramSvg, rateBarsSvg, throughputSvg, timelineSvg } from "../lib/charts.js";
import { filterBar, filtersFrom, wireFilters } from "../lib/filters.js";
import { num, pct, secs } from "../lib/format.js";
import { hrefOf, html } from "../lib/html.js";

const card = (label, value, id, sub = "") => html`<div class="card" data-stat="${id}"><div class="value">${value}</div><div class="label">${label}</div>${sub ? html`<div class="sub">${sub}</div>` : ""}</div>`;

const panel = (title, body, note = "", cls = "") => html`<section class="panel ${cls}"><h3>${title}</h3>${body}${note ? html`<p class="note">${note}</p>` : ""}</section>`;

/** Renders `#/?filters`. */
export async function renderOverview(params, meta) {
  const f = filtersFrom(params);
  const o = await api("overview", f);
  const run = meta.runs.length === 1 ? meta.runs[0] : null;
  const statuses = Object.entries(o.statuses).map(([k, v]) => `${k} ${v}`).join(" · ");
  const tp = o.throughput;
  const body = html`
    <h1>Run overview ${run ? html`<span class="muted">${run.runId}</span>` : ""}</h1>
    ${run ? html`<p class="muted">policy <b>${run.policy}</b> · G = ${run.groupSize} · seed ${run.seed} · started ${run.startedAt ?? "?"}${run.config.concurrency ? ` · concurrency ${run.config.concurrency}` : ""}</p>` : ""}
    ${meta.corpus.error ? html`<p class="warn">No task metadata (type, hops, gold answers): ${meta.corpus.error}</p>` : ""}
    ${filterBar(f, meta)}
    <div class="cards">
      ${card("episodes (done)", num(o.episodes), "episodes", statuses)}
      ${card("groups", num(o.groups), "groups")}
      ${card("mean reward", num(o.meanReward), "meanReward")}
      ${card("success rate", pct(o.successRate), "successRate", `success = ${o.successBy}${o.successBy === "reward ≥ 1" ? "" : " ≥ 1"}`)}
      ${card("mean steps", num(o.steps.mean, 2), "meanSteps")}
      ${card("mean simulated time", secs(o.simSeconds.mean), "meanSim")}
      ${card("failed", num(o.failures.error + o.failures.closed), "failures", `error ${o.failures.error} · closed ${o.failures.closed}`)}
    </div>
    ${o.timeline ? html`<div class="grid">
      ${panel("Reward over time: mean per " + num(o.timeline.bucketSeconds) + " s", timelineSvg(o.timeline, "reward"), "", "reward-time")}
      ${panel("Failures over time", timelineSvg(o.timeline, "failures"), o.failures.reasons.length ? "" : "no failed episode", "failures-time")}
      ${o.failures.reasons.length ? panel("Failure reasons", html`<table class="compact"><tr><th>reason</th><th class="num">episodes</th></tr>${o.failures.reasons.map((r) => html`<tr><td>${r.reason}</td><td class="num">${r.n}</td></tr>`)}</table>`, "", "failure-reasons") : ""}
    </div>` : ""}
    <div class="grid">
      ${panel("Reward", histogramSvg(o.reward), `min ${num(o.reward.min)} · mean ${num(o.reward.mean)} · max ${num(o.reward.max)}`, "reward-hist")}
      ${panel("Success by task type", rateBarsSvg(o.byType), "", "by-type")}
      ${panel("Success by hop count", rateBarsSvg(o.byHops), "", "by-hops")}
      ${panel("Steps per episode", histogramSvg(o.steps), `mean ${num(o.steps.mean, 2)}`, "steps-hist")}
      ${panel("Simulated time per episode", histogramSvg(o.simSeconds, { unit: " s" }), `mean ${secs(o.simSeconds.mean)}`, "sim-hist")}
      ${panel("Wall time per episode", histogramSvg(o.wallSeconds, { unit: " s" }), `mean ${secs(o.wallSeconds.mean)}`, "wall-hist")}
    </div>
    <div class="grid">
    ${panel("Throughput: episodes finished per " + num(tp.bucketSeconds) + " s", throughputSvg(tp, { width: 820 }),
      `${num(tp.meanPerSecond, 2)} episodes/s over ${secs(tp.spanSeconds)}${tp.estimated ? " · times rebuilt from each episode's wall time and the run's concurrency (the log stores no per-episode timestamps)" : ""}`, "throughput span2")}
    ${panel("End reasons", html`<table class="compact"><tr><th>reason</th><th class="num">episodes</th></tr>${Object.entries(o.endReasons).map(([k, v]) => html`<tr><td><a href="${hrefOf("search", { ...f, endReason: k })}">${k}</a></td><td class="num">${v}</td></tr>`)}</table>`, "", "end-reasons")}
    </div>
    <h2>Reward components</h2>
    <div class="grid small">
      ${o.components.map((c) => panel(c.name, histogramSvg(c.hist, { width: 240, height: 100 }), `mean ${num(c.hist.mean)}`, "component"))}
    </div>`;
  return { title: "Overview", html: body, wire: (root) => wireFilters(root, "") };
}
