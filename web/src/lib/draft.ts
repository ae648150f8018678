// Form drafts kept in sessionStorage, so that what a clerk typed survives an expired session, a
// reload or a stale-page reload. Cleared once the server has the data.
import { createEffect, on } from 'solid-js';
import { createStore, reconcile, type SetStoreFunction, type Store } from 'solid-js/store';

const PREFIX = 'ms.draft.';

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown) {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the form still works */
  }
}

export function clearDraft(key: string) {
  sessionStorage.removeItem(PREFIX + key);
}

/** A store that restores from and saves to a draft; `restored` tells whether a draft was found. */
export function draftStore<T extends object>(
  key: string,
  initial: T,
): [Store<T>, SetStoreFunction<T>, { restored: boolean; reset(): void }] {
  const saved = loadDraft<T>(key);
  const blank = JSON.stringify(initial);
  const [state, set] = createStore<T>(
    saved ? { ...structuredClone(initial), ...saved } : structuredClone(initial),
  );
  createEffect(
    on(
      () => JSON.stringify(state),
      (json) => (json === blank ? clearDraft(key) : saveDraft(key, JSON.parse(json))),
    ),
  );
  return [
    state,
    set,
    {
      restored: saved != null,
      reset() {
        set(reconcile(structuredClone(initial)));
        clearDraft(key);
      },
    },
  ];
}
