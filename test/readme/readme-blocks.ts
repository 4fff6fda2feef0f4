/** @module README examples as data: the fenced code blocks of a Markdown file, and the commands of a shell block. */
import { readFileSync } from "node:fs";

/** One fenced code block. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's language tag (`bash`, `python`, `jsonc`, `yaml`...), "" when none. */
  lang: string;
  text: string;
}

/** Every fenced block of `path` (read from `root`), in order. */
export function codeBlocks(root: string, path: string): CodeBlock[] {
  const lines = readFileSync(`${root}/${path}`, "utf8").split("\n");
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? "");
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ""); i++) body.push(lines[i] ?? "");
    out.push({ file: path, line: start + 1, lang: open[1] ?? "", text: body.join("\n") });
  }
  return out;
}

/** The commands of a shell block: continuation lines joined, comment-only and blank lines dropped. */
export function shellCommands(text: string): string[] {
  const joined = text.replace(/\\\n\s*/g, "");
  return joined
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
}

/** A command that starts a long-running simweb server (`serve`, `view`): the harness starts it in the background. */
export function isServerCommand(command: string): boolean {
  return /npm run simweb -- (serve|view)\b/.test(command);
}

/** Every loopback port a text names (`127.0.0.1:8080`, `--port 8090`). */
export function portsNamed(text: string): number[] {
  const ports = new Set<number>();
  for (const m of text.matchAll(/127\.0\.0\.1:(\d{4,5})|--port (\d{4,5})/g)) ports.add(Number(m[1] ?? m[2]));
  return [...ports];
}

/** `text` with every named loopback port replaced through `map` (ports the map lacks are left as they are). */
export function mapPorts(text: string, map: ReadonlyMap<number, number>): string {
  return text
    .replace(/127\.0\.0\.1:(\d{4,5})/g, (all, p: string) => (map.has(Number(p)) ? `127.0.0.1:${map.get(Number(p))}` : all))
    .replace(/--port (\d{4,5})/g, (all, p: string) => (map.has(Number(p)) ? `--port ${map.get(Number(p))}` : all));
}
