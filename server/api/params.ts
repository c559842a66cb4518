/**
 * Valibot pieces for Server API parameters, which arrive as form strings (repeated fields become
 * arrays) or as JSON values; each accepts both spellings and outputs one clean type.
 */
import * as v from 'valibot';
import { ServerApiCode } from '../../src/protocol/error-codes.js';
import { ID_PATTERN } from '../../src/protocol/limits.js';
import type { ApiContext, Endpoint } from './api-context.js';

/** A refusal with an HTTP status and a `ServerApiCode` (or a domain code). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be 1–64 letters, digits or _-=+.@:'));

/** One id or several (repeated form field or JSON array), 1–1000 of them, deduplicated. */
export const idList = v.pipe(
  v.union([id, v.array(id)], 'must be an id or a list of ids'),
  v.transform((x) => [...new Set(Array.isArray(x) ? x : [x])]),
  v.minLength(1, 'must not be empty'),
  v.maxLength(1000, 'at most 1000 ids'),
);

/** 0|1 (also "0"/"1", true/false) → boolean. */
export const flagValue = v.pipe(
  v.union([v.picklist(['0', '1', 'true', 'false']), v.picklist([0, 1]), v.boolean()], 'must be 0 or 1'),
  v.transform((x) => x === 1 || x === '1' || x === true || x === 'true'),
);

/** An optional `flagValue` with a default. */
export function flag(defaultValue: boolean) {
  return v.optional(flagValue, defaultValue);
}

/** A non-negative integer given as number or digits. */
export const nonNegativeInt = v.pipe(
  v.union([v.pipe(v.string(), v.regex(/^\d{1,16}$/, 'must be a non-negative integer')), v.number()]),
  v.transform(Number),
  v.integer('must be an integer'),
  v.minValue(0, 'must be ≥ 0'),
);

export const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `at most ${max} characters`));

/** Message type names, as the gateway accepts them. */
export const objectName = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_:\-.]{1,32}$/, 'must be 1–32 letters, digits or _:-.'),
);

/** Parses params with a schema; a too-long value is PARAM_TOO_LONG, anything else PARAM_ERROR. */
export function parseParams<S extends v.GenericSchema>(schema: S, params: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, params);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? '';
  const tooLong = issue.type === 'max_length' && typeof issue.input === 'string';
  throw new ApiError(
    400,
    tooLong ? ServerApiCode.PARAM_TOO_LONG : ServerApiCode.PARAM_ERROR,
    `${path || 'params'}: ${issue.message}`,
  );
}

/** An endpoint whose params are checked by `schema` before `handle` runs; callers see the schema's input type. */
export function endpoint<S extends v.GenericSchema, Out extends Record<string, unknown>>(
  schema: S,
  handle: (params: v.InferOutput<S>, ctx: ApiContext) => Promise<Out>,
): Endpoint<v.InferInput<S>, Out> {
  return (params, ctx) => handle(parseParams(schema, params), ctx);
}
