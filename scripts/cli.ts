/** @module The `simweb` CLI: one file per command under scripts/commands/. */
import { Command } from "commander";
import { buildCommand, type CommandSpec } from "./lib/command-spec.ts";
import { log } from "./lib/log.ts";
import { demoCommand } from "./commands/demo.ts";
import { generateCommand } from "./commands/generate.ts";
import { infoCommand } from "./commands/info.ts";
import { loadCommand } from "./commands/load.ts";
import { indexCommand } from "./commands/index-cmd.ts";
import { rolloutCommand } from "./commands/rollout.ts";
import { exportCommand } from "./commands/export.ts";
import { compareCommand } from "./commands/compare.ts";
import { viewCommand } from "./commands/view.ts";
import { serveCommand } from "./commands/serve.ts";
import { mcpCommand } from "./commands/mcp.ts";

const COMMANDS: CommandSpec[] = [
  demoCommand,
  generateCommand,
  loadCommand,
  indexCommand,
  infoCommand,
  serveCommand,
  mcpCommand,
  rolloutCommand,
  exportCommand,
  compareCommand,
  viewCommand,
];

const program = new Command("simweb")
  .description("simweb: a frozen, seeded web for training and evaluating LLM search agents")
  .showHelpAfterError()
  .exitOverride((err) => {
    // usage errors exit 1 (help prints 0)
    process.exit(err.exitCode === 0 ? 0 : 1);
  });
for (const spec of COMMANDS)
  program.addCommand(
    buildCommand(spec)
      .showHelpAfterError()
      .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 1)),
  );

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = err as Error & { code?: string };
  log(e.message, { code: e.code ?? "ERROR" }, "error");
  process.exit(2);
}
