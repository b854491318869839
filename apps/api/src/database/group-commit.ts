// No imports on purpose: the benchmark's bare baseline (scripts/bench/baseline.mjs) loads the compiled file, so it
// batches its audit rows exactly as the API does.

interface Waiting<T> {
  items: T[];
  done: (error?: unknown) => void;
}

/**
 * Group commit for rows that are written on their own (not inside the caller's transaction): `add` resolves once
 * the rows are committed, so the caller never answers before they are stored. Rows added while a write is running
 * wait for the next write, which takes all of them (up to `maxBatch` rows): under load that is one statement and
 * one commit for many callers, alone a row is written at once. When a batch fails, each caller's rows are retried
 * on their own, so one bad row fails only its own caller.
 */
export class GroupCommit<T> {
  private queue: Waiting<T>[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<unknown>,
    private readonly maxBatch = 500,
  ) {}

  add(items: T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ items, done: (error) => (error === undefined ? resolve() : reject(error)) });
      this.running ??= this.flush().finally(() => (this.running = null));
    });
  }

  /** Resolves when nothing is waiting any more (for shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch: Waiting<T>[] = [];
      let size = 0;
      while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0].items.length <= this.maxBatch)) {
        const next = this.queue.shift() as Waiting<T>;
        size += next.items.length;
        batch.push(next);
      }
      try {
        await this.write(batch.flatMap((w) => w.items));
        for (const w of batch) w.done();
      } catch {
        for (const w of batch) {
          await this.write(w.items).then(
            () => w.done(),
            (error: unknown) => w.done(error ?? new Error('write failed')),
          );
        }
      }
    }
  }
}
