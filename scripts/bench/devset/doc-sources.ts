/** @module The real documentation HTML of the development set: Debian doc packages, their files and the public URLs they mirror. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";

/** One Debian documentation package and the site its HTML mirrors. */
export interface DocSource {
  /** Debian package (`apt-get install <pkg>`). */
  pkg: string;
  /** Directory of its HTML. */
  root: string;
  /** Public URL prefix the files are served under (relative paths appended). */
  base: string;
}

/** The packages of the development set (about 2,200 HTML pages together). */
export const DOC_SOURCES: readonly DocSource[] = [
  { pkg: "git-doc", root: "/usr/share/doc/git-doc", base: "https://git-scm.com/docs/" },
  { pkg: "postgresql-doc-15", root: "/usr/share/doc/postgresql-doc-15/html", base: "https://www.postgresql.org/docs/15/" },
  { pkg: "python3.11-doc", root: "/usr/share/doc/python3.11/html", base: "https://docs.python.org/3.11/" },
];

/** One HTML file of a source. */
export interface DocFile {
  url: string;
  html: Buffer;
}

/** The sources whose directory is missing (the package is not installed). */
export function missingSources(sources: readonly DocSource[] = DOC_SOURCES): DocSource[] {
  return sources.filter((s) => !existsSync(s.root));
}

/** Every `.html` (or `.html.gz`) file under a source, in path order; Sphinx's `_sources`/`_static`-style folders are left out. */
export function docFiles(src: DocSource): DocFile[] {
  const paths: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (!name.startsWith("_")) walk(p);
      } else if (name.endsWith(".html") || name.endsWith(".html.gz")) paths.push(p);
    }
  };
  walk(src.root);
  return paths.map((p) => {
    const raw = readFileSync(p);
    const rel = relative(src.root, p).replace(/\.gz$/, "");
    return { url: src.base + rel, html: p.endsWith(".gz") ? gunzipSync(raw) : raw };
  });
}
