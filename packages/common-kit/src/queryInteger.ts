import { z } from 'zod';

/**
 * A query-string integer in [min, max]: digits only, so odd values (`1e2`,
 * `-0`, `0x10`, huge ones) are refused with an issue naming the range
 * instead of being coerced; `fallback` when absent (without a fallback,
 * absent is refused too). Every Vigil list's `limit` and `offset`.
 * @public
 */
export function queryInteger(
  min: number,
  max: number,
  fallback?: number,
): z.ZodEffects<z.ZodUnknown, number, unknown> {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'string' && /^[0-9]{1,10}$/.test(value)) {
      const number = Number(value);
      if (number >= min && number <= max) return number;
    }
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be an integer from ${min} to ${max}`,
    });
    return z.NEVER;
  });
}
