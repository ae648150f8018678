// What the portal keeps on the citizen's own device: the unfinished draft (so a reload or a lost
// connection never loses it) and the last receipt. localStorage can be missing or full (private
// mode, old WebViews); every access is guarded and failure only means nothing is kept.

function key(kind: 'draft' | 'receipt', tenant: string) {
  return `minsheng:${kind}:${tenant}`;
}

export function load<T>(kind: 'draft' | 'receipt', tenant: string): T | null {
  try {
    const raw = localStorage.getItem(key(kind, tenant));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function save(kind: 'draft' | 'receipt', tenant: string, value: unknown): void {
  try {
    localStorage.setItem(key(kind, tenant), JSON.stringify(value));
  } catch {
    /* storage full or disabled */
  }
}

export function remove(kind: 'draft' | 'receipt', tenant: string): void {
  try {
    localStorage.removeItem(key(kind, tenant));
  } catch {
    /* ignore */
  }
}

/** A random key for Idempotency-Key; crypto.randomUUID is missing on plain HTTP and old browsers. */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `d-${s}`;
}
