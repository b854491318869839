import { GroupCommit } from './group-commit';

/** A writer that records each batch and finishes only when the test says so. */
function gatedWriter(fail: (items: number[]) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      gates.push(() => (fail(items) ? reject(new Error(`bad ${items.join(',')}`)) : resolve()));
    });
  const open = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    (gates.shift() as () => void)();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, write, open };
}

describe('GroupCommit', () => {
  it('writes a lone row at once, and rows arriving meanwhile together in the next write', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit<number>(w.write);
    const settled: number[] = [];
    const first = gc.add([1]).then(() => settled.push(1));
    await new Promise((r) => setImmediate(r));
    expect(w.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => gc.add([n]).then(() => settled.push(n)));
    await new Promise((r) => setImmediate(r));
    expect(w.batches).toEqual([[1]]); // nothing else starts while the first write runs
    expect(settled).toEqual([]); // and no caller is answered before its write is done
    await w.open();
    await first;
    expect(settled).toEqual([1]);
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
    await w.open();
    await Promise.all(rest);
    expect(settled).toEqual([1, 2, 3, 4]);
  });

  it('keeps batches within maxBatch rows without splitting one caller', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit<number>(w.write, 3);
    const all = [gc.add([0]), gc.add([1, 2]), gc.add([3]), gc.add([4, 5, 6, 7]), gc.add([8])];
    for (let i = 0; i < 4; i++) await w.open();
    await Promise.all(all);
    expect(w.batches).toEqual([[0], [1, 2, 3], [4, 5, 6, 7], [8]]);
  });

  it('fails only the caller whose rows the database refuses, and keeps working afterwards', async () => {
    const w = gatedWriter((items) => items.includes(13));
    const gc = new GroupCommit<number>(w.write);
    const first = gc.add([1]);
    const outcomes = Promise.allSettled([gc.add([2]), gc.add([13]), gc.add([4])]);
    await w.open(); // [1]
    await first;
    await w.open(); // [2, 13, 4] fails as a whole
    await w.open(); // [2] alone
    await w.open(); // [13] alone: refused
    await w.open(); // [4] alone
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const later = gc.add([5]);
    await w.open();
    await expect(later).resolves.toBeUndefined();
    expect(w.batches).toEqual([[1], [2, 13, 4], [2], [13], [4], [5]]);
  });

  it('drain waits until every waiting row is written', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit<number>(w.write);
    void gc.add([1]);
    void gc.add([2]);
    let drained = false;
    const d = gc.drain().then(() => (drained = true));
    await w.open();
    expect(drained).toBe(false);
    await w.open();
    await d;
    expect(drained).toBe(true);
  });
});
