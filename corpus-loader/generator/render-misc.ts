/** @module Directory listings, low-quality trivia pages with wrong claims, noindex registry records, redirects, 404s. */
import { stream } from "../../core/index.ts";
import type { City, Entity, Org, Person } from "./entities.ts";
import { fmtInt } from "./facts.ts";
import { a, paras, renderPage } from "./html-layout.ts";
import { bodyWords, paragraphs } from "./prose.ts";
import { wrongYear } from "./render-social.ts";
import { CONFLICT_HOSTS, NEWS_HOSTS, redirectTarget, urlOf, wikiUrl } from "./site-plan.ts";
import type { RenderedPage, WorldContext } from "./world-context.ts";
import { topicOf } from "./world-context.ts";

/** A directory listing page: even j list organisations, odd j list people. */
export function renderDirectory(ctx: WorldContext, j: number): RenderedPage {
  const { g, plan } = ctx;
  const orgs = j % 2 === 0;
  const ids = orgs ? g.byType.org : g.byType.person;
  const pagesOfKind = orgs ? Math.ceil(plan.counts.directory / 2) : Math.floor(plan.counts.directory / 2);
  const k = j >> 1;
  const size = Math.min(ids.length, Math.max(10, Math.ceil(ids.length / Math.max(1, pagesOfKind))));
  const name = (x: number): string => (g.entities[x] as Entity).name;
  const rows: string[] = [];
  for (let i = 0; i < size; i++) {
    const id = ids[(k * size + i) % ids.length] as number;
    if (orgs) {
      const o = g.entities[id] as Org;
      const r = plan.registryOf.get(id);
      const rec = r === undefined ? "" : a(urlOf(plan, g, "registry", r), "record");
      rows.push(`<tr><td>${a(wikiUrl(g, id), o.name)}</td><td>${o.industry}</td><td>${name(o.hq)}</td><td>${o.founded}</td><td>${rec}</td></tr>`);
    } else {
      const p = g.entities[id] as Person;
      rows.push(`<tr><td>${a(wikiUrl(g, id), p.name)}</td><td>${p.occupation}</td><td>${p.born}</td><td>${name(p.birthplace)}</td></tr>`);
    }
  }
  const head = orgs
    ? "<tr><th>Company</th><th>Industry</th><th>City</th><th>Founded</th><th>Registry</th></tr>"
    : "<tr><th>Name</th><th>Occupation</th><th>Born</th><th>Birthplace</th></tr>";
  const base = orgs ? "/companies/page/" : "/people/page/";
  const pager: string[] = [];
  if (k > 0) pager.push(a(`${base}${k}`, "Previous page"));
  if (k + 1 < pagesOfKind) pager.push(a(`${base}${k + 2}`, "Next page"));
  const site = orgs ? "OrgDirectory Online" : "Who's Who Index";
  const title = `${orgs ? "Company directory" : "People index"} - page ${k + 1}`;
  const article = `<h1>${title}</h1>\n<table class="listing">${head}${rows.join("")}</table>\n<p class="pager">${pager.join(" | ")}</p>`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${title} | ${site}`,
      site,
      nav: [
        ["/", "Home"],
        [base + "1", "Browse"],
        ["/submit", "Add a listing"],
      ],
      crumbs: [
        ["/", site],
        [base + "1", "Browse"],
        [null, `Page ${k + 1}`],
      ],
      article,
    }),
  };
}

/** The wrong or outdated claim a trivia page makes about an entity. */
function wrongClaim(ctx: WorldContext, e: Entity, y: (v: number) => number): string {
  const name = (x: number): string => (ctx.g.entities[x] as Entity).name;
  switch (e.type) {
    case "person":
      return `${e.name} was born in ${y(e.born)} in ${name(e.birthplace)}.`;
    case "org":
      return `${e.name} was founded in ${y(e.founded)} by ${name(e.founder)}.`;
    case "work":
      return `${e.name} came out in ${y(e.year)}.`;
    case "event":
      return `The ${e.name} was held in ${name(e.location)} in ${y(e.year)}.`;
    case "city":
      return `${e.name} has a population of ${fmtInt(Math.round((e as City).population * 0.7))} (2001 census).`;
    case "country":
      return `${e.name} has a population of ${fmtInt(Math.round(e.population * 0.75))} (1998 estimate).`;
  }
}

/** A low-quality trivia page that states an outdated or wrong fact about its subject. */
export function renderConflict(ctx: WorldContext, j: number): RenderedPage {
  const { g, plan } = ctx;
  const rng = stream(ctx.seed, "generator", "page", "conflict", j);
  const e = g.entities[plan.subject.conflict[j] as number] as Entity;
  const host = CONFLICT_HOSTS[j % 3] as string;
  const title = [`10 quick facts about ${e.name}`, `${e.name}: everything you need to know`, `Q: what should I know about ${e.name}?`][j % 3] as string;
  const claim = wrongClaim(ctx, e, (v) => wrongYear(rng, v));
  const ps = paragraphs(rng, ctx.vocab, bodyWords(rng, 220, 0.5), topicOf(ctx, e.id));
  ps.splice(0, 0, `Did you know? ${claim}`);
  ps.push(
    `${a("https://ads.clickfunnel-example.com/offer?id=" + j, "You won't believe these deals")} | ${a("https://ads.clickfunnel-example.com/quiz", "Take the quiz")}`,
  );
  const article = `<h1>${title}</h1>\n<p class="meta">Updated 2009 | 3 min read</p>\n${paras(ps)}`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${title} | ${host}`,
      site: host,
      nav: [
        ["/", "Home"],
        ["/trending", "Trending"],
        ["/random", "Random fact"],
      ],
      crumbs: [
        ["/", "Home"],
        [null, e.name],
      ],
      article,
    }),
  };
}

/** A company registry record: noindex, the only page stating the registration number. */
export function renderRegistry(ctx: WorldContext, j: number): RenderedPage {
  const { g, plan } = ctx;
  const o = g.entities[plan.registryOrg[j] as number] as Org;
  const name = (x: number): string => (g.entities[x] as Entity).name;
  const rows: Array<[string, string]> = [
    ["Company name", o.name],
    ["Registration number", o.registry],
    ["Status", "Active"],
    ["Incorporated", String(o.founded)],
    ["Registered office", name(o.hq)],
    ["Founding director", name(o.founder)],
    ["Industry", o.industry],
  ];
  const article =
    `<h1>Company record: ${o.name}</h1>\n` +
    `<p>${o.name} is entered in the companies register under registration number ${o.registry}.</p>\n` +
    `<table class="record">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("")}</table>\n` +
    `<p>${a(wikiUrl(g, o.id), `${o.name} on Wikiverse`)}</p>`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${o.name} - Company record`,
      site: "Companies Registry Online",
      noindex: true,
      nav: [
        ["/", "Search the register"],
        ["/help", "Help"],
      ],
      crumbs: [
        ["/", "Register"],
        [null, o.name],
      ],
      article,
    }),
  };
}

/** A 301 redirect from a legacy URL to its current page. */
export function renderRedirect(ctx: WorldContext, j: number): RenderedPage {
  const to = redirectTarget(ctx.plan, ctx.g, j);
  return {
    status: 301,
    location: to,
    lang: "en",
    html:
      `<!DOCTYPE html>\n<html lang="en">\n<head><title>301 Moved Permanently</title></head>\n<body>\n<h1>Moved Permanently</h1>\n` +
      `<p>The document has moved ${a(to, "here")}.</p>\n</body>\n</html>\n`,
  };
}

/** A 404 page on a news site (stories that were removed; some blogs still link to them). */
export function renderNotFound(ctx: WorldContext, j: number): RenderedPage {
  const host = NEWS_HOSTS[j % NEWS_HOSTS.length] as string;
  return {
    status: 404,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: "Page not found",
      site: host,
      nav: [["/", "Home"]],
      crumbs: [
        ["/", "Home"],
        [null, "Not found"],
      ],
      article: `<h1>Page not found</h1>\n<p>Sorry, the story you are looking for has been removed or never existed.</p>`,
      noindex: true,
    }),
  };
}
