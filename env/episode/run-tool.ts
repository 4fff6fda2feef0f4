/** @module Executes one validated action against the web, applying a simulated fault if one was drawn. */
import type { FaultDraw } from "./ports.ts";
import * as obs from "./observations.ts";
import type { Action } from "./parse-action.ts";
import type { EpisodeWeb, OpenedPage, SearchHit } from "./web.ts";

/** What `open(id)` refers to: last search's results, or the current page and its links. */
export type View = { kind: "results"; hits: SearchHit[] } | { kind: "page"; page: OpenedPage; links: readonly string[] } | null;

/** What running a tool produced. `view` is set when the current view changes. */
export interface ToolOutcome {
  observation: string;
  urls: string[];
  simSeconds: number;
  fault: string | null;
  error: string | null;
  info: Record<string, unknown>;
  view?: View;
  openedUrl?: string;
}

/** Context of one tool run. */
export interface ToolContext {
  web: EpisodeWeb;
  fault: FaultDraw | null;
  cursor: number;
  view: View;
  /** Format search results the way Search-R1 prompts expect (`<information>` passages). */
  searchR1: boolean;
}

const MAX_REDIRECTS = 5;

/** Runs one action. Never throws for agent mistakes: they become observations with an error code. */
export async function runTool(action: Action, ctx: ToolContext): Promise<ToolOutcome> {
  const simSeconds = (ctx.fault?.latencyMs ?? 0) / 1000;
  const base = { simSeconds, info: {} as Record<string, unknown> };
  if (action.name === "answer") {
    return { ...base, simSeconds: 0, observation: `Answer recorded: ${action.answer}`, urls: action.citations, fault: null, error: null };
  }
  // transport-level faults hit search and open (find works on the already-loaded page)
  if (ctx.fault?.error != null && action.name !== "find") {
    const fault = ctx.fault.error === "timeout" ? "timeout" : `http_${ctx.fault.error}`;
    const url = action.name === "open" ? action.url : null;
    return { ...base, observation: obs.faultObservation(fault, url), urls: [], fault, error: "FAULT" };
  }
  switch (action.name) {
    case "search": {
      const { total, results } = await ctx.web.search(action.query, action.k);
      const observation = ctx.searchR1
        ? `<information>${obs.searchR1Passages(results)}</information>`
        : obs.searchObservation(ctx.cursor, action.query, total, results);
      return {
        ...base,
        observation,
        urls: results.map((r) => r.url),
        fault: null,
        error: null,
        info: { total, results: results.map((r) => ({ rank: r.rank, url: r.url, title: r.title })) },
        view: { kind: "results", hits: results },
      };
    }
    case "find": {
      if (ctx.view?.kind !== "page") {
        return { ...base, observation: "Error: no page is open; open a page before find.", urls: [], fault: null, error: "NO_PAGE" };
      }
      return { ...base, observation: ctx.view.page.find(ctx.cursor, action.pattern), urls: [ctx.view.page.url], fault: null, error: null };
    }
    case "open":
      return openAction(action, ctx, base);
  }
}

function openAction(action: Extract<Action, { name: "open" }>, ctx: ToolContext, base: { simSeconds: number; info: Record<string, unknown> }): ToolOutcome {
  let url = action.url;
  if (url === null && action.id !== null) {
    const v = ctx.view;
    if (v === null) return { ...base, observation: "Error: nothing to open by id: search first or open a URL.", urls: [], fault: null, error: "BAD_ID" };
    url = v.kind === "results" ? (v.hits.find((h) => h.rank === action.id)?.url ?? null) : (v.links[action.id] ?? null);
    if (url === null) {
      const what = v.kind === "results" ? `no search result with rank ${action.id}` : `no link with id ${action.id} on this page`;
      return { ...base, observation: `Error: ${what}.`, urls: [], fault: null, error: "BAD_ID" };
    }
  }
  if (url === null) {
    // scroll the current page
    if (ctx.view?.kind !== "page") return { ...base, observation: "Error: no page is open to scroll.", urls: [], fault: null, error: "NO_PAGE" };
    return render(ctx.view.page, ctx, action, base, null);
  }
  const chain: string[] = [];
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const r = ctx.web.open(url);
    if (r.kind === "redirect") {
      chain.push(url);
      url = r.location;
      continue;
    }
    if (r.kind === "not_found") {
      return { ...base, observation: r.text, urls: [url], fault: null, error: "NOT_FOUND", info: { redirects: chain } };
    }
    const blocked = ctx.fault?.blocked ?? null;
    if (blocked !== null) {
      const fault = `blocked_${blocked}`;
      return { ...base, observation: obs.faultObservation(fault, r.url), urls: [r.url], fault, error: "BLOCKED" };
    }
    return render(r, ctx, action, base, chain);
  }
  return { ...base, observation: `Error: too many redirects (${MAX_REDIRECTS}).`, urls: chain, fault: null, error: "REDIRECT_LOOP" };
}

function render(
  page: OpenedPage,
  ctx: ToolContext,
  action: Extract<Action, { name: "open" }>,
  base: { simSeconds: number; info: Record<string, unknown> },
  redirects: string[] | null,
): ToolOutcome {
  const v = page.view(ctx.cursor, action.loc ?? 0, action.numLines);
  let observation = v.text;
  let fault: string | null = null;
  const cut = ctx.fault?.truncate ?? null;
  if (cut !== null) {
    // a truncated transfer: the agent sees only the first part of the viewport
    observation = observation.slice(0, Math.max(80, Math.floor(observation.length * cut))) + "\n[connection closed: page truncated]";
    fault = "truncated";
  }
  return {
    ...base,
    observation,
    urls: [page.url],
    fault,
    error: null,
    info: { url: page.url, title: page.title, lines: [v.first, v.last], total_lines: v.totalLines, links: v.links.length, redirects: redirects ?? [] },
    view: { kind: "page", page, links: v.links },
    openedUrl: redirects === null ? undefined : page.url,
  };
}
