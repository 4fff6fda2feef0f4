/** @module Tasks of a corpus file in memory, by id and by split. */
import { LoaderError, openCorpus, readTaskFile, readTasks } from "../../corpus-loader/index.ts";
import type { TaskSource } from "../episode/index.ts";
import type { Task } from "../../core/index.ts";

/** In-memory task set (ordered by id, as stored). */
export class MemoryTaskSource implements TaskSource {
  private readonly byId = new Map<string, Task>();
  private readonly all: Task[];
  private readonly bySplit = new Map<string, Task[]>();

  constructor(tasks: readonly Task[]) {
    this.all = [...tasks];
    for (const t of this.all) {
      this.byId.set(t.id, t);
      const s = this.bySplit.get(t.split) ?? [];
      s.push(t);
      this.bySplit.set(t.split, s);
    }
  }

  /**
   * Reads the tasks of a task file (JSONL/Parquet rows); `BAD_INPUT` when it holds none.
   * @example
   * const tasks = await MemoryTaskSource.fromFile("data/world/tasks.jsonl");
   */
  static async fromFile(file: string): Promise<MemoryTaskSource> {
    const r = await readTaskFile(file);
    if (r.tasks.length === 0) {
      throw new LoaderError(
        "BAD_INPUT",
        `${file} holds no task${r.skipped > 0 ? ` (${r.skipped} bad rows; first: row ${r.errors[0]?.row}: ${r.errors[0]?.message})` : ""}`,
      );
    }
    return new MemoryTaskSource(r.tasks);
  }

  /** Loads every task of a corpus file. */
  static async load(dbPath: string): Promise<MemoryTaskSource> {
    const db = await openCorpus(dbPath, { readOnly: true });
    try {
      return new MemoryTaskSource(await readTasks(db.conn));
    } finally {
      db.close();
    }
  }

  get(id: string): Task | null {
    return this.byId.get(id) ?? null;
  }

  list(split?: string): readonly Task[] {
    return split === undefined ? this.all : (this.bySplit.get(split) ?? []);
  }

  /** Number of tasks. */
  get size(): number {
    return this.all.length;
  }
}
