/** @module Tasks of a corpus file in memory, by id and by split. */
import { openCorpus, readTasks } from "../../corpus-loader/index.ts";
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
