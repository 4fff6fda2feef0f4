/**
 * @module Markdown rendering of a stored page: `# {title}`, one paragraph per text line separated by
 * blank lines, links as `[anchor](url)` placed where their anchor text occurs (see `layoutLinks`);
 * links that could not be placed are listed under `Links:` at the end. Body text is not escaped.
 */
import { layoutLinks, type LinkInput } from "./link-layout.ts";

/**
 * Renders a page as Markdown.
 * @example
 * renderMarkdown({ title: "A", url: "https://a.org/", text: "Go to B.\nEnd." }, [{ url: "https://b.org/", anchor: "B" }]);
 * // "# A\n\nGo to [B](https://b.org/).\n\nEnd.\n"
 */
export function renderMarkdown(page: { title: string; url: string; text: string }, links: readonly LinkInput[] = []): string {
  const layout = layoutLinks(
    page.text,
    links.map((l) => ({ url: l.url, anchor: l.anchor.trim() })),
  );
  let body = "";
  for (const s of layout.segments) body += s.kind === "text" ? s.text : mdLink(s.anchor, s.url);
  const paragraphs = body
    .split("\n")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  let out = `# ${page.title.trim() !== "" ? page.title.trim() : page.url}\n`;
  if (paragraphs.length > 0) out += `\n${paragraphs.join("\n\n")}\n`;
  if (layout.unplaced.length > 0) {
    out += "\nLinks:\n\n";
    for (const u of layout.unplaced) out += `- ${mdLink(u.anchor === "" ? u.url : u.anchor, u.url)}\n`;
  }
  return out;
}

/** `[text](url)` with brackets in the text escaped and parentheses/spaces in the URL encoded. */
function mdLink(text: string, url: string): string {
  const t = text.replace(/[[\]\\]/g, (c) => `\\${c}`);
  const u = url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `[${t}](${u})`;
}
