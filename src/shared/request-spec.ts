import { z } from 'zod';
import type { MinRole } from './roles';

/** Carries the output type alongside the input schema without a runtime value. */
export interface RequestSpec<I extends z.ZodType, O> {
  input: I;
  /**
   * The least role that may make this request (see roles.ts). Left out, dispatch treats the
   * request as admin-only, and the role-table test fails until one is written down.
   */
  role?: MinRole;
  readonly output?: O;
}

export const request =
  <O>() =>
  <I extends z.ZodType>(input: I, role?: MinRole): RequestSpec<I, O> =>
    role === undefined ? { input } : { input, role };

/** Shared field schemas: bounded so no boundary accepts unbounded strings or numbers. */
export const idSchema = z.string().min(1).max(100);
export const isoTimeSchema = z.iso.datetime({ offset: true });
export const emptyInput = z.strictObject({});
