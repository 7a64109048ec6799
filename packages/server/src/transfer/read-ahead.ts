/**
 * The items of `source` in order, the next one already requested while the caller works on the current one: a
 * datastore reads its next batch while the caller writes or hashes the last. At most one item waits ahead.
 */
export async function* readingAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  let finished = false;
  try {
    for (;;) {
      const step = await next;
      if (step.done === true) {
        finished = true;
        return;
      }
      next = iterator.next();
      // Awaited on the next turn; a caller that stops first must not leave it unhandled.
      next.catch(() => {});
      yield step.value;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}

/**
 * Runs `work` on every item, at most `limit` at a time, and gives the results in the order of `items`. Rejects
 * with the first failure, once the work under way has ended.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = outcomes.find(
    (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
  );
  if (rejected) throw rejected.reason;
  return results;
}
