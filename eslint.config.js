// ESLint flat config: typescript-eslint's recommended rules and the rooms of docs/architecture.md
// (eslint/rooms.js). Import cycles, type-only ones included, are madge's job (`npm run lint`):
// import-x/no-cycle skips `import type`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import rooms from "./eslint/rooms.js";

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "runs/**", "clients/**", "env/ui/static/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { "import-x": importX, rooms },
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    // imports name the .ts file itself (allowImportingTsExtensions), so Node's resolution finds every one
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".mjs"] })],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/extensions": [".ts", ".js", ".mjs"],
    },
    rules: {
      "rooms/allowed-imports": "error",
      "rooms/through-index": "error",
      "import-x/no-self-import": "error",
      "import-x/no-duplicates": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // text sanitisers match control characters on purpose (NUL separators, \x0b/\x0c in wrapping)
      "no-control-regex": "off",
    },
  },
  {
    // tests read JSON off the wire and poke at internals; `any` is allowed there, not in the rooms
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["eslint/**/*.js", "eslint.config.js", "scripts/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
