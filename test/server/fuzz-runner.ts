/**
 * Drives the fuzz cases against a running server: frames on a socket connected as the fuzzing user
 * `fz`, one at a time (each must get exactly one reply, or a close the protocol allows), and Server
 * API requests. Valid state-changing frames the mutator happens to produce are skipped (counted):
 * the point is what bad input does.
 */
import WebSocket from 'ws';
import { ErrorCode, ServerApiCode } from '../../src/protocol/error-codes.js';
import { signRequest } from '../../server/api/signature.js';
import { parseFrame } from '../../server/gateway/parse.js';
import { seededRandom } from '../../bench/lib/random.js';
import { apiCase, frameCase, type FrameCase } from './fuzz-cases.js';

const KNOWN_CODES = new Set<number>([...Object.values(ErrorCode), ...Object.values(ServerApiCode)]);

export interface FuzzTarget {
  url: string;
  appKey: string;
  appSecret: string;
  /** A token for `fz`. */
  token: string;
}

export interface FuzzReport {
  frames: number;
  skipped: number;
  closes: number;
  api: number;
  byKind: Record<string, number>;
  /** Every broken expectation, with the seed and case number to replay it. */
  failures: string[];
}

class FuzzSocket {
  private waiter: ((r: { reply?: { reply: number | null; code: number }; close?: number }) => void) | undefined;
  private closedWith: number | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { reply?: number | null; code: number; push?: string };
      if ('push' in frame) return;
      this.waiter?.({ reply: frame as { reply: number | null; code: number } });
    });
    ws.on('close', (code) => {
      this.closedWith = code;
      this.waiter?.({ close: code });
    });
    ws.on('error', () => {});
  }

  static async open(target: FuzzTarget): Promise<FuzzSocket> {
    const ws = new WebSocket(target.url.replace(/^http/, 'ws') + '/ws', { maxPayload: 16 * 1024 * 1024 });
    await new Promise((ok, fail) => (ws.once('open', ok), ws.once('error', fail)));
    const s = new FuzzSocket(ws);
    const res = await s.send(
      JSON.stringify({ id: 1, op: 'connect', data: { token: target.token, appkey: target.appKey } }),
      false,
    );
    if (res.reply?.code !== 0) throw new Error(`fuzz connect failed: ${JSON.stringify(res)}`);
    return s;
  }

  get open(): boolean {
    return this.closedWith === undefined;
  }

  /** Sends one frame; resolves with the next reply, or the close. */
  send(
    payload: string | Buffer,
    binary: boolean,
    timeoutMs = 10_000,
  ): Promise<{ reply?: { reply: number | null; code: number }; close?: number; timeout?: true }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
      this.waiter = (r) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(r);
      };
      this.ws.send(payload, { binary });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Whether a frame would change stored state if the server accepted it (then it is not sent). */
function changesState(c: FrameCase): boolean {
  if (c.binary || typeof c.payload !== 'string') return false;
  const parsed = parseFrame(c.payload);
  return parsed.ok && (parsed.op === 'sendMessage' || parsed.op === 'clearMessagesUnreadStatus');
}

async function runFrames(target: FuzzTarget, seed: number, count: number, report: FuzzReport): Promise<void> {
  const r = seededRandom(seed);
  let socket = await FuzzSocket.open(target);
  for (let i = 0; i < count; i++) {
    const c = frameCase(r);
    const where = `frame seed=${seed} case=${i} kind=${c.kind}`;
    report.byKind[c.kind] = (report.byKind[c.kind] ?? 0) + 1;
    if (changesState(c)) {
      report.skipped++;
      continue;
    }
    report.frames++;
    if (!socket.open) socket = await FuzzSocket.open(target);
    const res = await socket.send(c.payload, c.binary);
    if (res.timeout) report.failures.push(`${where}: no reply and no close`);
    else if (res.close !== undefined) {
      report.closes++;
      if (!c.mayClose.includes(res.close)) report.failures.push(`${where}: closed with ${res.close}`);
    } else {
      const { code } = res.reply!;
      if (!KNOWN_CODES.has(code)) report.failures.push(`${where}: undocumented code ${code}`);
      if (code === ErrorCode.BIZ_ERROR_DATABASE_ERROR) report.failures.push(`${where}: internal error`);
      const parsed = c.binary || typeof c.payload !== 'string' ? null : parseFrame(c.payload);
      if (code === 0 && !parsed?.ok) report.failures.push(`${where}: accepted a bad frame`);
    }
  }
  socket.close();
}

async function runApi(target: FuzzTarget, seed: number, count: number, report: FuzzReport): Promise<void> {
  const r = seededRandom(seed ^ 0x5eed);
  const used: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const c = apiCase(r);
    const where = `api seed=${seed} case=${i} kind=${c.kind} ${c.method} ${c.path}`;
    report.api++;
    const nonce = `n${seed}-${i}-${Math.floor(r() * 1e9)}`;
    const timestamp = String(Date.now());
    let h: Record<string, string> = {
      'App-Key': target.appKey,
      Nonce: nonce,
      Timestamp: timestamp,
      Signature: signRequest(target.appSecret, nonce, timestamp),
    };
    if (c.headers === 'none') h = {};
    if (c.headers === 'bad-signature') h.Signature = signRequest('not-the-secret', nonce, timestamp);
    if (c.headers === 'wrong-key') h['App-Key'] = 'other-app';
    if (c.headers === 'stale')
      Object.assign(
        h,
        { Timestamp: String(Date.now() - 6 * 60_000) },
        { Signature: signRequest(target.appSecret, nonce, String(Date.now() - 6 * 60_000)) },
      );
    if (c.headers === 'malformed-timestamp') h.Timestamp = 'yesterday';
    if (c.headers === 'long-nonce') h.Nonce = 'n'.repeat(200);
    if (c.headers === 'replay' && used.length > 0) h = used[Math.floor(r() * used.length)]!;
    let status: number;
    let body: { code?: unknown };
    try {
      const res = await fetch(target.url + c.path, {
        method: c.method,
        headers: { ...h, 'Content-Type': c.contentType },
        body: c.method === 'GET' ? undefined : c.body,
      });
      status = res.status;
      body = (await res.json()) as { code?: unknown };
    } catch (error) {
      // A server that answers early (413) may reset the upload; that is a refusal too.
      if (c.kind.startsWith('huge')) continue;
      report.failures.push(`${where}: ${(error as Error).message}`);
      continue;
    }
    if (c.headers === 'signed') used.push(h);
    if (status === 200 || body.code === 200)
      report.failures.push(`${where}: accepted (${status}): ${c.body.slice(0, 300)}`);
    if (status >= 500) report.failures.push(`${where}: server error ${status}`);
    if (typeof body.code !== 'number' || !KNOWN_CODES.has(body.code))
      report.failures.push(`${where}: undocumented code ${String(body.code)}`);
  }
}

/** Runs `frames` frame cases and `api` Server API cases from `seed`. */
export async function fuzz(target: FuzzTarget, seed: number, frames: number, api: number): Promise<FuzzReport> {
  const report: FuzzReport = { frames: 0, skipped: 0, closes: 0, api: 0, byKind: {}, failures: [] };
  await runFrames(target, seed, frames, report);
  await runApi(target, seed, api, report);
  return report;
}
