// Who is signed in and which county the console is working in. A platform admin picks the county;
// everyone else works in their own.
import { createSignal } from 'solid-js';
import { auth, onUnauthorized, type Me, type Role } from './api';
import { location_, navigate, path } from './router';

const [me, setMe] = createSignal<Me | null>(null);
const [ready, setReady] = createSignal(false);
const [expired, setExpired] = createSignal(false);
const PICKED = 'ms.console.tenant';
const [picked, setPicked] = createSignal<{ slug: string; name: string } | null>(
  JSON.parse(sessionStorage.getItem(PICKED) ?? 'null'),
);

export { me, ready, expired };

export const role = (): Role | null => me()?.actor.role ?? null;

/** The county the console is working in, or null (platform admin before picking one). */
export const tenant = () => me()?.tenant ?? (role() === 'platform_admin' ? picked() : null);
export const slug = () => tenant()?.slug ?? '';

export function pickTenant(t: { slug: string; name: string } | null) {
  if (t) sessionStorage.setItem(PICKED, JSON.stringify(t));
  else sessionStorage.removeItem(PICKED);
  setPicked(t);
}

export async function loadSession() {
  try {
    setMe(await auth.me());
  } catch {
    setMe(null);
  } finally {
    setReady(true);
  }
}

export async function signIn(login: string, password: string) {
  await auth.login(login, password);
  setMe(await auth.me());
  setExpired(false);
}

/** An initial or reset password: until it is replaced the console shows only the 修改密码 page. */
export const mustChangePassword = () => Boolean(me()?.user?.mustChangePassword);

/** After the user changed their password: the server cleared the flag, read who we are again. */
export async function passwordChanged() {
  setMe(await auth.me());
}

export async function signOut() {
  try {
    await auth.logout();
  } catch {
    /* the session may already be gone */
  }
  setMe(null);
  pickTenant(null);
  navigate('/login', { replace: true });
}

// Any 401: back to the login page with the way back; forms keep their drafts in sessionStorage.
onUnauthorized(() => {
  if (!me()) return;
  setMe(null);
  setExpired(true);
  if (path() !== '/login') navigate(`/login?next=${encodeURIComponent(location_())}`, { replace: true });
});

export const isUnitRole = () => role() === 'handler' || role() === 'unit_leader';
export const isBureau = () => role() === 'dispatcher' || role() === 'tenant_admin';
export const isAdmin = () => role() === 'tenant_admin' || role() === 'platform_admin';
