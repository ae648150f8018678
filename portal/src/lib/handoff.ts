// Credentials handed from the receipt to the tracking page in memory, never through the URL (where
// they would end up in history, logs and shared links).
import type { Credentials } from './api';

let held: Credentials | null = null;

export const handOff = (c: Credentials) => {
  held = c;
};

export const takeHandoff = (): Credentials | null => {
  const c = held;
  held = null;
  return c;
};
