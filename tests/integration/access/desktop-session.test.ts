/**
 * The desktop's sign-in: the window opens in the PC's passwordless role; a technician or admin who
 * signs in drops back to it after the configured idle time (fake clock: moved, never slept).
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/shared/dispatch';
import type { AuthMeDto } from '../../../src/shared/dto-access';
import { stubHandlers } from '../../support/stub-handlers';
import { accessHandlers } from '../../../src/engine/access/access-handlers';
import { manualClock, openTestAccess } from '../../support/test-access';

describe('desktop sessions', () => {
  it('opens as viewer, signs in as technician, and drops back after the idle minutes setting', async () => {
    const clock = manualClock();
    const t = await openTestAccess({ clock });
    await t.addUser('tech', 'technician', 'technician-password');
    t.repos.settings.set('access.desktop_idle_minutes', 10);
    const handlers = { ...stubHandlers({}), ...accessHandlers(t.access) };
    // What Electron main keeps: the token, out of the page's reach.
    let token: string | null = null;
    const sink = { issue: (next: string) => void (token = next), clear: () => void (token = null) };
    const me = async (): Promise<AuthMeDto> => {
      const r = await dispatch(handlers, 'auth:me', {}, t.access.desktopCaller(token, sink));
      if (!r.ok) throw new Error(r.error.message);
      return r.value as AuthMeDto;
    };

    expect(await me()).toMatchObject({ user: null, role: 'viewer', passwordless: true });
    const login = await dispatch(handlers, 'auth:login', { username: 'tech', password: 'technician-password' }, t.access.desktopCaller(token, sink));
    expect(login).toMatchObject({ ok: true, value: { role: 'technician', passwordless: false } });
    expect(JSON.stringify(login)).not.toContain(String(token));
    expect(token).not.toBeNull();

    clock.advance(9 * 60_000);
    expect((await me()).role).toBe('technician');
    clock.advance(9 * 60_000);
    expect((await me()).role).toBe('technician');
    // Ten minutes without a call: back to the passwordless role.
    clock.advance(10 * 60_000);
    expect(await me()).toMatchObject({ user: null, role: 'viewer', passwordless: true });

    // Signing out ends it at once.
    await dispatch(handlers, 'auth:login', { username: 'tech', password: 'technician-password' }, t.access.desktopCaller(token, sink));
    expect((await me()).role).toBe('technician');
    await dispatch(handlers, 'auth:logout', {}, t.access.desktopCaller(token, sink));
    expect(token).toBeNull();
    expect((await me()).role).toBe('viewer');
    t.close();
  });
});
