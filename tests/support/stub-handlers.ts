import { vi } from 'vitest';
import { requestNames, type Handlers } from '../../src/shared/contract';
import { AppError } from '../../src/shared/result';

/**
 * A complete Handlers object for binding tests: every request answers UNAVAILABLE unless
 * overridden, so a test only spells out the handlers it exercises and keeps compiling as the
 * contract grows.
 */
export function stubHandlers<O extends Partial<Handlers>>(overrides: O): Handlers & O {
  const base = Object.fromEntries(
    requestNames.map((name) => [
      name,
      vi.fn(() => {
        throw new AppError('UNAVAILABLE', `${name} is not stubbed in this test`);
      }),
    ]),
  );
  return { ...base, ...overrides } as unknown as Handlers & O;
}
