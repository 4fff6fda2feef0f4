import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { viewCommand } from "../../../scripts/commands/view.ts";
import { buildCommand } from "../../../scripts/lib/command-spec.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";

const dir = useTmpDir("simweb-cli-view-");

async function run(argv: string[]): Promise<void> {
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await buildCommand(viewCommand)
      .exitOverride()
      .configureOutput({ writeErr: () => undefined })
      .parseAsync(argv, { from: "user" });
  } finally {
    err.mockRestore();
  }
}

describe("view command", () => {
  it("fails with LOG_NOT_FOUND before listening when the run file is missing", async () => {
    await expect(run([join(dir, "nope.duckdb"), "--port", "0"])).rejects.toMatchObject({ code: "LOG_NOT_FOUND" });
  });

  it("rejects a port above 65535 and a missing run argument as usage errors", async () => {
    await expect(run([join(dir, "nope.duckdb"), "--port", "70000"])).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(run([])).rejects.toMatchObject({ code: "commander.missingArgument" });
  });
});
