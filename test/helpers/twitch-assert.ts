import { expect } from 'vitest';
import { AddonError } from '../../addon/errors.js';

/** Waits for `promise` to reject and asserts it rejected with an AddonError, which it returns. */
export async function rejection(promise: Promise<unknown>): Promise<AddonError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AddonError);
  return error as AddonError;
}
