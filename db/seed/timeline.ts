// A discrete-event scheduler for the demo seeder: many simulated lives (one per case) each wait
// for their next instant with `sleep(at)`, and the timeline wakes them in the order of those
// instants, so the county's history happens in time order across cases (a case sees the earlier
// ones as they stood then, not as they end up). Lives woken together run concurrently, which lets
// their writes share one commit (db/local-client.ts commits all writes of an event-loop turn
// together); the batch is small, so the order stays that of the instants up to one batch.
//
// Deterministic: the next batch is chosen by (instant, order of sleeping) and the JavaScript of a
// batch interleaves the same way every run, as long as a step waits on nothing but the database
// (whose answers come in a fixed order) and other promises. A step whose effect depends on
// reaching the database before the later steps of its batch (intake: the case number is taken when
// its write reaches the database, and concurrent intakes would get there in the order of their own
// code paths, not of their instants) sleeps `inOrder`: it is woken with a turn, waits for
// `turn.ready` before that write and calls `turn.pass()` once the write is queued, so the next
// ordered step goes on while all of them still share one commit. A turn not passed is passed when
// its life sleeps again or ends, so a step that fails early never holds the others up.

/** Where an ordered step stands among the ordered steps of its batch. */
export interface Turn {
  /** resolves when every earlier ordered step of the batch has passed */
  readonly ready: Promise<void>;
  pass(): void;
}

const FREE: Turn = { ready: Promise.resolve(), pass: () => {} };

interface Sleeper {
  at: number;
  seq: number;
  inOrder: boolean;
  wake: (turn: Turn) => void;
}

export interface SleepOptions {
  /** the step's writes reach the database in the order of the instants (see above) */
  inOrder?: boolean;
}

export type Sleep = (at: number, opts?: SleepOptions) => Promise<Turn>;

export class Timeline {
  #heap: Sleeper[] = [];
  #seq = 0;
  #running = 0;
  #idle: (() => void) | null = null;
  #failure: unknown = null;

  constructor(private readonly batch = 32) {}

  /**
   * Starts a life at once, up to its first `sleep`; from then on the timeline wakes it. A failure
   * stops the timeline and is thrown by `run`.
   */
  spawn(life: (sleep: Sleep) => Promise<void>): void {
    this.#running++;
    let turn = FREE;
    const sleep: Sleep = (at, opts) => {
      turn.pass();
      return new Promise((wake) => {
        const woken = (t: Turn) => {
          turn = t;
          wake(t);
        };
        this.#push({ at, seq: this.#seq++, inOrder: opts?.inOrder === true, wake: woken });
        this.#settled();
      });
    };
    life(sleep).then(
      () => {
        turn.pass();
        this.#settled();
      },
      (e) => {
        turn.pass();
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
      this.#running += woken.length;
      let ready = FREE.ready;
      for (const s of woken) {
        if (!s.inOrder) {
          s.wake(FREE);
          continue;
        }
        let passed!: () => void;
        const next = new Promise<void>((resolve) => {
          passed = resolve;
        });
        s.wake({ ready, pass: passed });
        ready = next;
      }
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
