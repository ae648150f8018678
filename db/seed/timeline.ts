// A discrete-event scheduler for the demo seeder: many simulated lives (one per case) each wait
// for their next instant with `sleep(at)`, and the timeline wakes them in the order of those
// instants, so the county's history happens in time order across cases (a case sees the earlier
// ones as they stood then, not as they end up). Lives woken together run concurrently, which lets
// their writes share one commit (db/local-client.ts commits all writes of an event-loop turn
// together); the batch is small, so the order stays that of the instants up to one batch.
//
// Deterministic: the next batch is chosen by (instant, order of sleeping) and the JavaScript of a
// batch interleaves the same way every run, as long as a step waits on nothing but the database
// (whose answers come in a fixed order) and other promises. A step whose effect depends on running
// before the others of its batch (intake: the case number is taken when its batch reaches the
// database, and concurrent intakes would reach it in the order of their own code paths, not of
// their instants) asks to run alone, before the rest of its batch.

interface Sleeper {
  at: number;
  seq: number;
  alone: boolean;
  wake: () => void;
}

export interface SleepOptions {
  /** run the next step with no other life running (see above) */
  alone?: boolean;
}

export type Sleep = (at: number, opts?: SleepOptions) => Promise<void>;

export class Timeline {
  #heap: Sleeper[] = [];
  #seq = 0;
  #running = 0;
  #idle: (() => void) | null = null;
  #failure: unknown = null;

  constructor(private readonly batch = 32) {}

  /** A running life waits until the timeline reaches `at` (earlier sleepers wake first). */
  #sleep(at: number, opts?: SleepOptions): Promise<void> {
    return new Promise((wake) => {
      this.#push({ at, seq: this.#seq++, alone: opts?.alone === true, wake });
      this.#settled();
    });
  }

  /**
   * Starts a life at once, up to its first `sleep`; from then on the timeline wakes it. A failure
   * stops the timeline and is thrown by `run`.
   */
  spawn(life: (sleep: Sleep) => Promise<void>): void {
    this.#running++;
    life((at, opts) => this.#sleep(at, opts)).then(
      () => this.#settled(),
      (e) => {
        this.#failure ??= e;
        this.#settled();
      },
    );
  }

  /** Runs until every life has ended (or `stopped()` says so); lives left asleep never wake. */
  async run(stopped: () => boolean = () => false): Promise<void> {
    await this.#quiet();
    while (this.#heap.length && !this.#failure && !stopped()) {
      const woken: Sleeper[] = [];
      while (woken.length < this.batch && this.#heap.length) woken.push(this.#pop());
      for (const s of woken) {
        if (!s.alone) continue;
        this.#running++;
        s.wake();
        await this.#quiet();
      }
      const together = woken.filter((s) => !s.alone);
      this.#running += together.length;
      for (const s of together) s.wake();
      await this.#quiet();
    }
    if (this.#failure) throw this.#failure;
  }

  /** Resolves when no life is running (each is asleep or done). */
  #quiet(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idle = resolve;
    });
  }

  /** A running life went to sleep or ended. */
  #settled() {
    this.#running--;
    if (this.#running === 0 && this.#idle) {
      const idle = this.#idle;
      this.#idle = null;
      idle();
    }
  }

  #less(a: Sleeper, b: Sleeper) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(s: Sleeper) {
    const h = this.#heap;
    h.push(s);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  #pop(): Sleeper {
    const h = this.#heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
