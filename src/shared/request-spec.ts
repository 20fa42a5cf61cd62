import { z } from 'zod';

/** Carries the output type alongside the input schema without a runtime value. */
export interface RequestSpec<I extends z.ZodType, O> {
  input: I;
  readonly output?: O;
}

export const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestSpec<I, O> => ({ input });

/** Shared field schemas: bounded so no boundary accepts unbounded strings or numbers. */
export const idSchema = z.string().min(1).max(100);
export const isoTimeSchema = z.iso.datetime({ offset: true });
export const emptyInput = z.strictObject({});
