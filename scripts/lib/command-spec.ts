/** @module CLI commands declared as data (name, description, arguments, options) and built with commander. */
import { Command, InvalidArgumentError, Option } from "commander";

/** One option of a command. `parse` converts the string (throw InvalidArgumentError for bad values). */
export interface OptionSpec {
  flags: string;
  description: string;
  default?: unknown;
  choices?: readonly string[];
  parse?: (value: string) => unknown;
  required?: boolean;
  /** Option names (camelCase, as commander keys them) this one cannot be given with: a usage error. */
  conflicts?: string[];
}

/** A command: its options and an action receiving positional args and parsed options. */
export interface CommandSpec {
  name: string;
  description: string;
  /** Positional arguments in commander syntax, e.g. ["<inputs...>"]. */
  args?: string[];
  options: OptionSpec[];
  action: (args: string[], opts: Record<string, unknown>) => Promise<void>;
}

/** Builds a commander Command from a spec. */
export function buildCommand(spec: CommandSpec): Command {
  const cmd = new Command(spec.name).description(spec.description);
  for (const a of spec.args ?? []) cmd.argument(a);
  for (const o of spec.options) {
    const opt = new Option(o.flags, o.description);
    if (o.default !== undefined) opt.default(o.default);
    if (o.choices) opt.choices(o.choices);
    if (o.parse) opt.argParser(o.parse as (v: string, prev: unknown) => unknown);
    if (o.required) opt.makeOptionMandatory(true);
    if (o.conflicts) opt.conflicts(o.conflicts);
    cmd.addOption(opt);
  }
  cmd.action(async (...all: unknown[]) => {
    const command = all[all.length - 1] as Command;
    const opts = command.opts();
    const positional = all.slice(0, spec.args?.length ?? 0).flatMap((a) => (Array.isArray(a) ? a : [a])) as string[];
    await spec.action(
      positional.filter((a) => a !== undefined),
      opts,
    );
  });
  return cmd;
}

/** Parses a non-negative integer option ("20000", "20_000" or "20k"/"1m"). */
export function intOption(name: string, min = 0): (v: string) => number {
  return (v: string) => {
    const m = /^(\d[\d_]*)([km]?)$/i.exec(v.trim());
    if (!m) throw new InvalidArgumentError(`${name} must be an integer, got ${JSON.stringify(v)}`);
    const mult = m[2]?.toLowerCase() === "k" ? 1e3 : m[2]?.toLowerCase() === "m" ? 1e6 : 1;
    const n = Number((m[1] ?? "").replaceAll("_", "")) * mult;
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}

/** Parses a finite number option. */
export function numberOption(name: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number, got ${JSON.stringify(v)}`);
    return n;
  };
}

/** The `--live-interval <s>` option of the commands that write a trajectory log (rollout, serve --log). */
export const LIVE_INTERVAL_OPTION = {
  flags: "--live-interval <seconds>",
  description: "publish a read-only snapshot of the log (<log>.live.duckdb) this often, so simweb view/export can follow the run (0: off)",
  default: 2,
  parse: numberOption("--live-interval"),
};

/** The writer's live option from `--live-interval` seconds (0 or less: off). */
export function liveOption(seconds: unknown): { intervalMs: number } | false {
  const s = Number(seconds ?? 2);
  return s > 0 ? { intervalMs: s * 1000 } : false;
}
