// The demo seeder's scheduler: lives wake in the order of their instants, a batch at a time,
// "alone" steps run with nobody else, failures stop the run, and a stop leaves the rest asleep.
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

  it('runs a batch of steps at once, and an alone step with nobody else running', async () => {
    const t = new Timeline(8);
    let running = 0;
    let most = 0;
    const seenByAlone: number[] = [];
    for (let i = 0; i < 8; i++)
      t.spawn(async (sleep) => {
        await sleep(i, { alone: i === 3 });
        running++;
        most = Math.max(most, running);
        if (i === 3) seenByAlone.push(running);
        await work();
        running--;
      });
    await t.run();
    expect(most).toBe(7);
    expect(seenByAlone).toEqual([1]);
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
