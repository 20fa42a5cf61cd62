/** Password hashes and the sign-in back-off, on their own (fake clock, no sleeping). */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/engine/access/clock';
import { hashPassword, verifyPassword } from '../../../src/engine/access/passwords';
import { SignInLimiter } from '../../../src/engine/access/rate-limiter';
import { TEST_SCRYPT_COST } from '../../support/test-access';

describe('passwords', () => {
  it('are scrypt hashes with their own salt, verified in constant time', async () => {
    const a = await hashPassword('correct horse battery', TEST_SCRYPT_COST);
    const b = await hashPassword('correct horse battery', TEST_SCRYPT_COST);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
    expect(await verifyPassword('correct horse battery', a, TEST_SCRYPT_COST)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a, TEST_SCRYPT_COST)).toBe(false);
    expect(await verifyPassword('anything', null, TEST_SCRYPT_COST)).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$99$8$1$x$y', TEST_SCRYPT_COST)).toBe(false);
  });

  it('the default cost is memory-hard (N = 2^15, r = 8)', async () => {
    expect(await hashPassword('a password long enough')).toMatch(/^scrypt\$15\$8\$1\$/);
  });

  it('refuses passwords shorter than the minimum', async () => {
    await expect(hashPassword('short', TEST_SCRYPT_COST)).rejects.toMatchObject({ code: 'WEAK_PASSWORD' });
  });
});

describe('sign-in back-off', () => {
  it('lets 5 failures pass, then locks for 30 s doubling up to 15 min, and forgets after a success', () => {
    const clock = manualClock();
    const limiter = new SignInLimiter(clock);
    const key = ['user:lan'];
    for (let i = 0; i < 4; i++) limiter.fail(key);
    expect(limiter.retryAfterMs(key)).toBe(0);
    limiter.fail(key);
    expect(limiter.retryAfterMs(key)).toBe(30_000);
    clock.advance(30_000);
    expect(limiter.retryAfterMs(key)).toBe(0);
    limiter.fail(key);
    expect(limiter.retryAfterMs(key)).toBe(60_000);
    for (let i = 0; i < 10; i++) limiter.fail(key);
    expect(limiter.retryAfterMs(key)).toBe(15 * 60_000);
    clock.advance(15 * 60_000);
    limiter.succeed(key);
    limiter.fail(key);
    expect(limiter.retryAfterMs(key)).toBe(0);
  });
});
