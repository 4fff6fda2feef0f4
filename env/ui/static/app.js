/** @module The run viewer's hash router: #/ (overview), #/search, #/group?run=&id=, #/episode?run=&id=, #/compare; redraws while a live run is written. */
import { api } from "./lib/api.js";
import { html } from "./lib/html.js";
import { renderOverview } from "./views/overview.js";
import { renderSearch } from "./views/search.js";
import { renderGroup } from "./views/group.js";
import { renderEpisode } from "./views/episode.js";
import { renderCompare } from "./views/compare.js";

const ROUTES = { "": renderOverview, search: renderSearch, group: renderGroup, episode: renderEpisode, compare: renderCompare };

let metaPromise = null;
/** The log's metadata, fetched once. */
function meta() {
  metaPromise ??= api("meta");
  return metaPromise;
}

let generation = 0;

const POLL_MS = 2000;
let pollTimer = null;
let shownVersion = null;

/** Shows whether the log is live (being written, read from its writer's snapshots) in the header. */
function showLive(l) {
  const badge = document.getElementById("live-badge");
  badge.hidden = !l.live;
  badge.dataset.version = l.version;
  badge.textContent = l.live ? `live · snapshot ${l.takenAt ? new Date(l.takenAt).toLocaleTimeString() : "?"}` : "";
}

/** While the log is live, polls api/live and redraws the view when a newer snapshot (or the finished log) is there. */
function schedulePoll() {
  if (pollTimer !== null) return;
  pollTimer = setTimeout(async () => {
    pollTimer = null;
    let l;
    try {
      l = await api("live");
    } catch {
      schedulePoll();
      return;
    }
    const typing = document.activeElement && document.getElementById("view").contains(document.activeElement) && document.activeElement.matches("input, select, textarea");
    if (l.version !== shownVersion && !typing) {
      metaPromise = null;
      await route();
    } else if (l.live) schedulePoll();
  }, POLL_MS);
}

async function route() {
  const mine = ++generation;
  const root = document.getElementById("view");
  const hash = location.hash;
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const params = new URLSearchParams(query);
  const render = ROUTES[path] ?? null;
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === (path || "overview"));
  const box = document.getElementById("search-box");
  if (box && document.activeElement !== box) box.value = params.get("q") ?? "";
  root.setAttribute("aria-busy", "true");
  try {
    if (!render) throw new Error(`no such view: ${path}`);
    const m = await meta();
    document.getElementById("run-name").textContent = m.runs.map((r) => r.runId).join(", ");
    shownVersion = m.live.version;
    showLive(m.live);
    if (m.live.live) schedulePoll();
    const out = await render(params, m);
    if (mine !== generation) return;
    root.innerHTML = String(out.html);
    out.wire?.(root);
    document.title = `${out.title} · simweb run viewer`;
  } catch (err) {
    if (mine !== generation) return;
    root.innerHTML = String(html`<div class="error"><strong>${err.code ?? "ERROR"}</strong> ${err.message}</div>`);
  } finally {
    if (mine === generation) {
      root.dataset.hash = hash; // the view now shows this route (tests wait on it)
      if (shownVersion !== null) root.dataset.version = shownVersion; // ... drawn from this snapshot of the log
      root.setAttribute("aria-busy", "false");
    }
  }
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("search-box").value.trim();
  location.hash = q ? `#/search?q=${encodeURIComponent(q)}` : "#/search";
});
window.addEventListener("hashchange", route);
route();
