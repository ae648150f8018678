// The demo seeder's scheduler: lives wake in the order of their instants, a batch at a time,
// ordered steps write in the order of their instants, failures stop the run, and a stop leaves
// the rest asleep.
import { describe, expect, it } from 'vitest';
import { Timeline } from '../../db/seed/timeline';

/** A step that takes a few turns of the event loop, like a database write waiting for its commit. */
const work = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe('Timeline', () => {
  it('wakes steps in the order of their instants across lives (batch of one: strictly)', async () => {
    const t = new Timeline(1);
    const log: string[] = [];
    const life = (name: string, instants: number[]) =>
      t.spawn(async (sleep) => {
        for (const at of instants) {
          await sleep(at);
          await work();
          log.push(`${at}${name}`);
        }
      });
    life('a', [1, 5, 9]);
    life('b', [2, 3, 10]);
    life('c', [4, 6, 7]);
    await t.run();
    expect(log).toEqual(['1a', '2b', '3b', '4c', '5a', '6c', '7c', '9a', '10b']);
  });

  it('runs a batch of steps at once; ordered steps write in the order of their instants', async () => {
    const t = new Timeline(8);
    let running = 0;
    let most = 0;
    const written: number[] = [];
    for (let i = 0; i < 8; i++)
      t.spawn(async (sleep) => {
        const turn = await sleep(i, { inOrder: i % 2 === 0 });
        running++;
        most = Math.max(most, running);
        // the earlier the instant, the longer the way to the write: without turns the order flips
        for (let k = 0; k < 8 - i; k++) await Promise.resolve();
        await turn.ready;
        written.push(i);
        turn.pass();
        await work();
        running--;
      });
    await t.run();
    expect(most).toBe(8);
    expect(written.filter((i) => i % 2 === 0)).toEqual([0, 2, 4, 6]);
  });

  it('passes the turn of an ordered step that ends or fails without passing it', async () => {
    const t = new Timeline(4);
    const written: number[] = [];
    t.spawn(async (sleep) => {
      await sleep(1, { inOrder: true }); // ends without writing
    });
    t.spawn(async (sleep) => {
      const turn = await sleep(2, { inOrder: true });
      await turn.ready;
      written.push(2);
      await sleep(5); // sleeps again without passing
    });
    t.spawn(async (sleep) => {
      const turn = await sleep(3, { inOrder: true });
      await turn.ready;
      written.push(3);
    });
    await t.run();
    expect(written).toEqual([2, 3]);
    const failing = new Timeline(4);
    failing.spawn(async (sleep) => {
      await sleep(1, { inOrder: true });
      throw new Error('early');
    });
    failing.spawn(async (sleep) => {
      const turn = await sleep(2, { inOrder: true });
      await turn.ready;
      written.push(4);
    });
    await expect(failing.run()).rejects.toThrow('early');
    expect(written).toEqual([2, 3, 4]);
  });

  it('throws the first failure of a life and wakes nothing after it', async () => {
    const t = new Timeline(1);
    const woke: number[] = [];
    t.spawn(async (sleep) => {
      await sleep(1);
      throw new Error('boom');
    });
    t.spawn(async (sleep) => {
      await sleep(2);
      woke.push(2);
    });
    await expect(t.run()).rejects.toThrow('boom');
    expect(woke).toEqual([]);
  });

  it('stops when asked, leaving the later lives asleep', async () => {
    const t = new Timeline(1);
    const woke: number[] = [];
    for (let i = 0; i < 5; i++)
      t.spawn(async (sleep) => {
        await sleep(i);
        woke.push(i);
      });
    await t.run(() => woke.length >= 2);
    expect(woke).toEqual([0, 1]);
  });
});
