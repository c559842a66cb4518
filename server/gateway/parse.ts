/** Turns one inbound text frame into a validated request, or a precise refusal. */
import * as v from 'valibot';
import { ErrorCode } from '../../src/protocol/error-codes.js';
import { RequestFrameSchema, RequestSchemas, type Op } from '../../src/protocol/frames.js';

export type Parsed =
  { ok: true; id: number; op: Op; data: unknown } | { ok: false; id: number | null; code: ErrorCode; msg: string };

/** Names the first failing field, e.g. `data.targetId: must be 1–64 letters...`. */
export function describeIssues(prefix: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return `${prefix}: invalid`;
  const path = v.getDotPath(issue);
  return `${path ? `${prefix}.${path}` : prefix}: ${issue.message}`;
}

/** The envelope without `data`, for frames whose `data` is a plain object. */
const EnvelopeHeadSchema = v.object({ id: RequestFrameSchema.entries.id, op: RequestFrameSchema.entries.op });

function isOp(op: string): op is Op {
  return Object.prototype.hasOwnProperty.call(RequestSchemas, op);
}

/** Parses the envelope, then checks `data` with the schema of its op. */
export function parseFrame(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, id: null, code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'frame is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, id: null, code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'frame must be a JSON object' };
  }
  const rawId = (json as { id?: unknown }).id;
  // Reply to the id whenever one can be read, even if the rest of the envelope is broken.
  const id = typeof rawId === 'number' && Number.isSafeInteger(rawId) && rawId > 0 ? rawId : null;
  const rawData = (json as { data?: unknown }).data;
  // A plain object passes the envelope's `data` record, which would only copy it (every op's schema
  // is an object schema, reading its own keys): check the rest of the envelope alone.
  const plain = typeof rawData === 'object' && rawData !== null && !Array.isArray(rawData);
  const envelope = v.safeParse(plain ? EnvelopeHeadSchema : RequestFrameSchema, json);
  if (!envelope.success) {
    return {
      ok: false,
      id,
      code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER,
      msg: describeIssues('frame', envelope.issues),
    };
  }
  const op = envelope.output.op;
  const data = plain ? rawData : (envelope.output as { data: unknown }).data;
  if (!isOp(op)) return { ok: false, id, code: ErrorCode.NOT_SUPPORT, msg: `unknown op "${op.slice(0, 64)}"` };
  // valibot's record() turns arrays into objects; the contract means plain objects, so check the input.
  if (Array.isArray(rawData))
    return { ok: false, id, code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'data: must be an object' };
  const checked = v.safeParse(RequestSchemas[op], data);
  if (!checked.success) {
    return { ok: false, id, code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: describeIssues('data', checked.issues) };
  }
  if (op === 'sendMessage' && Array.isArray((rawData as { content?: unknown }).content)) {
    return { ok: false, id, code: ErrorCode.BIZ_ERROR_INVALID_PARAMETER, msg: 'data.content: must be an object' };
  }
  return { ok: true, id: envelope.output.id, op, data: checked.output };
}
