import { AddonError, AddonErrorCodes } from '../errors.js';

type JsonObject = Record<string, unknown>;

function fail(what: string, field: string, expected: string): never {
  throw new AddonError(AddonErrorCodes.BAD_RESPONSE, `Twitch's ${what} reply is malformed: "${field}" must be ${expected}.`);
}

/** Asserts the body is a JSON object. */
export function assertObject(value: unknown, what: string): asserts value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AddonError(AddonErrorCodes.BAD_RESPONSE, `Twitch's ${what} reply is malformed: the body must be a JSON object.`);
  }
}

/** A non-empty string field. */
export function stringField(record: JsonObject, field: string, what: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value === '') fail(what, field, 'a non-empty string');
  return value;
}

/** A string field that may be missing, null or empty (returned as ''). */
export function optionalString(record: JsonObject, field: string, what: string): string {
  const value = record[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(what, field, 'a string');
  return value;
}

/** A finite number field that is not negative. */
export function numberField(record: JsonObject, field: string, what: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(what, field, 'a number of at least 0');
  return value;
}

/** A number field that may be missing (returns `fallback`). */
export function optionalNumber(record: JsonObject, field: string, what: string, fallback: number): number {
  if (record[field] === undefined || record[field] === null) return fallback;
  return numberField(record, field, what);
}

/** A boolean field that may be missing (returns false). */
export function optionalBoolean(record: JsonObject, field: string, what: string): boolean {
  const value = record[field];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') fail(what, field, 'true or false');
  return value;
}

/** An array of strings; `null` or missing reads as [] because `/validate` sends `scopes: null`. */
export function stringArrayField(record: JsonObject, field: string, what: string): string[] {
  const value = record[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) fail(what, field, 'an array of strings');
  return value as string[];
}

/** An array of JSON objects. */
export function objectArrayField(record: JsonObject, field: string, what: string): JsonObject[] {
  const value = record[field];
  if (!Array.isArray(value) || !value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
    fail(what, field, 'an array of objects');
  }
  return value as JsonObject[];
}
