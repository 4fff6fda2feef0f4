/** @module Renders any page of the plan by its global index. */
import { renderConflict, renderDirectory, renderNotFound, renderRedirect, renderRegistry } from "./render-misc.ts";
import { renderBlog, renderForum, renderNews } from "./render-social.ts";
import { renderCategory, renderForeign, renderMirror, renderWiki } from "./render-wiki.ts";
import { pageAt, urlOf } from "./site-plan.ts";
import type { PageKind } from "./site-plan.ts";
import type { RenderedPage, WorldContext } from "./world-context.ts";

const RENDERERS: Record<PageKind, (ctx: WorldContext, j: number) => RenderedPage> = {
  wiki: renderWiki,
  category: renderCategory,
  mirror: renderMirror,
  foreign: renderForeign,
  conflict: renderConflict,
  news: renderNews,
  blog: renderBlog,
  forum: renderForum,
  directory: renderDirectory,
  registry: renderRegistry,
  redirect: renderRedirect,
  notfound: renderNotFound,
};

/** A rendered page with its URL and kind. */
export interface PlacedPage extends RenderedPage {
  url: string;
  kind: PageKind;
}

/**
 * Renders page `p` (0..pages-1). Pure: depends only on the context and `p`, so pages can be
 * rendered in any order (or in parallel) with identical output.
 */
export function renderPageAt(ctx: WorldContext, p: number): PlacedPage {
  const { kind, j } = pageAt(ctx.plan, p);
  const page = RENDERERS[kind](ctx, j);
  return { ...page, url: urlOf(ctx.plan, ctx.g, kind, j), kind };
}
