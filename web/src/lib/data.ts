// Loads data for a page without Suspense: the last good value stays on screen while reloading, an
// error is a value to show (never thrown into the page), and a late answer never overwrites a newer one.
import { type Accessor, createEffect, createSignal, onCleanup, untrack } from 'solid-js';

/** The time now, renewed every `everyMs` while the owner lives: for what ends by the clock. */
export function createNow(everyMs: number): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

export type Data<T> = (() => T | undefined) & { readonly error: unknown; readonly loading: boolean };
export interface DataControl<T> {
  refetch: () => Promise<void>;
  mutate: (v: T | undefined) => void;
}

export function createData<T>(fetcher: () => Promise<T>): [Data<T>, DataControl<T>];
export function createData<S, T>(
  source: () => S | false | null | undefined | '',
  fetcher: (s: S) => Promise<T>,
): [Data<T>, DataControl<T>];
export function createData<S, T>(a: unknown, b?: unknown): [Data<T>, DataControl<T>] {
  const source = (b ? a : () => true) as () => S | false | null | undefined | '';
  const fetcher = (b ?? a) as (s: S) => Promise<T>;
  const [data, setData] = createSignal<T | undefined>();
  const [error, setError] = createSignal<unknown>(null);
  const [loading, setLoading] = createSignal(false);
  let seq = 0;
  let last: S | undefined;
  const run = async (s: S) => {
    const my = ++seq;
    last = s;
    setLoading(true);
    try {
      const v = await fetcher(s);
      if (my === seq) {
        setData(() => v);
        setError(null);
      }
    } catch (e) {
      if (my === seq) setError(e);
    } finally {
      if (my === seq) setLoading(false);
    }
  };
  createEffect(() => {
    const s = source();
    if (s === false || s === null || s === undefined || s === '') return;
    untrack(() => void run(s));
  });
  const get = (() => data()) as Data<T>;
  Object.defineProperty(get, 'error', { get: error });
  Object.defineProperty(get, 'loading', { get: loading });
  return [
    get,
    { refetch: () => (last === undefined ? Promise.resolve() : run(last)), mutate: (v) => setData(() => v) },
  ];
}
