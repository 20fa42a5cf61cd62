/**
 * Who is signed in, as the engine says (`auth:me`). Served over HTTP there is no session until
 * the sign-in form makes one (the cookie is HttpOnly: the page never sees it); on the desktop the
 * window opens in the PC's passwordless role and "Sign in" raises it. Checked again every 30 s,
 * so an idle technician or admin session that lapsed drops the window back to that role.
 */
import { create } from 'zustand';
import type { AuthMeDto } from '../../../shared/dto-access';
import type { AppErrorShape } from '../../../shared/result';
import { roleAllows, type MinRole } from '../../../shared/roles';
import { requiredRole, type RequestName } from '../../../shared/contract';
import { getApi } from '../api';
import { t } from '../i18n';

export type SessionStatus = 'loading' | 'setup' | 'signed-out' | 'ready' | 'unreachable';

interface SessionState {
  me: AuthMeDto | null;
  status: SessionStatus;
  error: AppErrorShape | null;
  load(): Promise<void>;
  /** Applies a fresh AuthMeDto (from sign-in, setup, password change). */
  set(me: AuthMeDto): void;
  signOut(): Promise<void>;
}

function statusOf(me: AuthMeDto): SessionStatus {
  if (me.setupRequired && (me.role === null || me.passwordless)) return 'setup';
  return me.role === null ? 'signed-out' : 'ready';
}

export const useSession = create<SessionState>()((set) => ({
  me: null,
  status: 'loading',
  error: null,
  async load() {
    const r = await getApi().auth.me();
    if (r.ok) return set({ me: r.value, status: statusOf(r.value), error: null });
    if (r.error.code === 'SETUP_REQUIRED') return set({ me: null, status: 'setup', error: null });
    if (r.error.code === 'UNAUTHENTICATED') return set({ me: null, status: 'signed-out', error: null });
    set({ status: 'unreachable', error: r.error });
  },
  set(me) {
    set({ me, status: statusOf(me), error: null });
  },
  async signOut() {
    const r = await getApi().auth.logout();
    if (r.ok) set({ me: r.value, status: statusOf(r.value), error: null });
    else set({ me: null, status: 'signed-out', error: null });
  },
}));

/** Whether the current caller may make `name` (the contract's own role rule). */
export function useCanRequest(name: RequestName): boolean {
  return useSession((s) => roleAllows(s.me?.role ?? null, requiredRole(name)));
}

export function useHasRole(min: MinRole): boolean {
  return useSession((s) => roleAllows(s.me?.role ?? null, min));
}

/** Who a change is recorded as: the signed-in user (the engine takes it from the session, not the form). */
export function useRecordedAs(): string {
  const thisPc = t().shell.account.recordedAsThisPc;
  return useSession((s) => (s.me?.user ? (s.me.user.displayName ? `${s.me.user.displayName} (${s.me.user.username})` : s.me.user.username) : thisPc));
}

const RECHECK_MS = 30_000;

/** Keeps the session fresh; returns the stop function (for an effect). */
export function watchSession(): () => void {
  void useSession.getState().load();
  const timer = setInterval(() => {
    if (useSession.getState().status === 'ready') void useSession.getState().load();
  }, RECHECK_MS);
  // The HTTP API reports a 401 (expired or revoked session) as it happens.
  const onSignedOut = () => void useSession.getState().load();
  window.addEventListener('footfall:unauthenticated', onSignedOut);
  return () => {
    clearInterval(timer);
    window.removeEventListener('footfall:unauthenticated', onSignedOut);
  };
}
