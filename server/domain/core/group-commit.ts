// Group commit. Every acknowledged write must be durable, so each request waits for a COMMIT and
// its WAL flush; on these machines every statement also costs a system call or two. Concurrent
// requests are therefore stored together: while transactions are in flight, new requests queue,
// and the next transaction takes all queued requests that fit (same group, up to maxItems), so
// one flush and one set of statements serve many requests. An idle server stores a request at
// once, with no added wait. Each request is still answered only after its own COMMIT.
export interface GroupCommitOptions<J, R> {
  /** Items a transaction may take (events, answers); a job counts as size(job). */
  maxItems: number;
  /** Transactions running at once. */
  maxInFlight: number;
  size?(job: J): number;
  /** Jobs share a transaction only with jobs of the same group (e.g. one workspace). */
  group(job: J): string;
  /** Jobs with the same key never share a transaction (e.g. two answers to one invitation). */
  key?(job: J): string;
  /**
   * Stores the jobs in one transaction; one result per job, in order. A job's own problem may be
   * an Error in its place, without failing the others. Throwing fails the whole transaction:
   * then each job is run again alone, so only the culprit fails.
   */
  run(jobs: J[]): Promise<(R | Error)[]>;
}

interface Waiting<J, R> {
  job: J;
  resolve(r: R): void;
  reject(err: unknown): void;
}

export function createGroupCommit<J, R>(o: GroupCommitOptions<J, R>): { submit(job: J): Promise<R> } {
  const queue: Waiting<J, R>[] = [];
  const size = o.size ?? (() => 1);
  let inFlight = 0;

  const settle = (w: Waiting<J, R>, r: R | Error) => (r instanceof Error ? w.reject(r) : w.resolve(r));
  const alone = (w: Waiting<J, R>) => o.run([w.job]).then(([r]) => settle(w, r!), w.reject);

  async function flush(group: Waiting<J, R>[]): Promise<void> {
    if (group.length === 1) return alone(group[0]!);
    let results: (R | Error)[];
    try {
      results = await o.run(group.map((w) => w.job));
    } catch {
      await Promise.all(group.map(alone));
      return;
    }
    group.forEach((w, i) => settle(w, results[i]!));
  }

  function pump(): void {
    while (inFlight < o.maxInFlight && queue.length) {
      const first = queue.shift()!;
      const group = [first];
      const name = o.group(first.job);
      const keys = new Set(o.key ? [o.key(first.job)] : []);
      let items = size(first.job);
      for (let i = 0; i < queue.length && items < o.maxItems;) {
        const w = queue[i]!;
        const key = o.key?.(w.job);
        if (o.group(w.job) === name && items + size(w.job) <= o.maxItems && (key === undefined || !keys.has(key))) {
          group.push(w);
          items += size(w.job);
          if (key !== undefined) keys.add(key);
          queue.splice(i, 1);
        } else i++;
      }
      inFlight++;
      void flush(group).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    submit: (job) =>
      new Promise<R>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        pump();
      }),
  };
}
