/**
 * @module The rooms of the house as an ESLint plugin: which room may import which (the directions of
 * docs/architecture.md), and that a room is entered only through its `index.ts`. Tests and config files
 * are outside the rooms and may import any file (unit tests reach internals on purpose).
 */
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Each room and the rooms it may import (besides itself). `core` imports nothing; nothing imports `scripts`. */
export const ROOMS = {
  core: [],
  verifiers: ["core"],
  "env/search": ["core"],
  "env/faults": ["core"],
  "env/guard": ["core"],
  "corpus-loader": ["core", "verifiers", "env/search"],
  "env/pages": ["core", "corpus-loader"],
  "env/episode": ["core", "verifiers"],
  "env/trajectory": ["core", "env/episode"],
  "env/ws": ["core", "env/episode", "env/guard"],
  "env/mcp": ["core", "env/episode"],
  "env/rollout": ["core", "verifiers", "env/episode", "env/trajectory"],
  "env/export": ["core", "verifiers", "env/episode", "env/trajectory"],
  "env/compare": ["core", "verifiers", "env/trajectory", "env/export"],
  "env/ui": ["core", "verifiers", "env/episode", "env/trajectory", "env/export", "env/compare"],
  "env/simweb": ["core", "verifiers", "corpus-loader", "env/search", "env/pages", "env/faults", "env/episode", "env/trajectory"],
  "env/http": ["core", "env/search", "env/pages", "env/faults", "env/guard", "env/episode", "env/trajectory", "env/ws", "env/mcp", "env/simweb"],
  scripts: [
    "core",
    "verifiers",
    "corpus-loader",
    "env/search",
    "env/pages",
    "env/faults",
    "env/guard",
    "env/episode",
    "env/trajectory",
    "env/ws",
    "env/mcp",
    "env/rollout",
    "env/export",
    "env/compare",
    "env/ui",
    "env/simweb",
    "env/http",
  ],
};

const NAMES = Object.keys(ROOMS).sort((a, b) => b.length - a.length);

/** The room holding `file` (absolute), or null outside every room. */
export function roomOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join("/");
  return NAMES.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? null;
}

function check(context, node, report) {
  const spec = node.source?.value;
  if (typeof spec !== "string" || !spec.startsWith(".")) return;
  const file = context.filename;
  const from = roomOf(file);
  if (from === null) return;
  const target = path.resolve(path.dirname(file), spec);
  const to = roomOf(target);
  if (to === from) return;
  if (to === null) return report(node.source, `${from} imports ${spec}, which is in no room (rooms must not import tests or scripts' helpers)`);
  report(node.source, to, target, from);
}

function visitors(context, onEdge) {
  const visit = (node) => check(context, node, onEdge);
  return { ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit };
}

/** `rooms/allowed-imports`: a room imports only the rooms `ROOMS` lists for it. */
const allowedImports = {
  meta: { type: "problem", docs: { description: "a room imports only the rooms it may depend on" }, schema: [] },
  create(context) {
    return visitors(context, (node, to, _target, from) => {
      if (from === undefined) return context.report({ node, message: to });
      if (!ROOMS[from].includes(to)) {
        context.report({ node, message: `${from} must not import ${to} (allowed: ${ROOMS[from].join(", ") || "nothing"}; see docs/architecture.md)` });
      }
    });
  },
};

/** `rooms/through-index`: another room is entered only through its `index.ts`. */
const throughIndex = {
  meta: { type: "problem", docs: { description: "import another room only through its index.ts" }, schema: [] },
  create(context) {
    return visitors(context, (node, to, target) => {
      if (target === undefined) return;
      const index = path.join(ROOT, to, "index.ts");
      if (target !== index) {
        context.report({ node, message: `import ${to} through ${to}/index.ts, not ${path.relative(ROOT, target)} (export it from the index if it is public)` });
      }
    });
  },
};

export default { meta: { name: "rooms" }, rules: { "allowed-imports": allowedImports, "through-index": throughIndex } };
