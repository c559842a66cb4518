/**
 * How a member socket joins the room and how a sender sends, for each server under test. All three
 * use a raw `ws` socket, so the receiving cost in the generators is the same and only the server differs.
 */
import WebSocket from 'ws';
import { BENCH_APP } from '../lib/children.js';
import { monoMs } from '../lib/histogram.js';
import { benchToken } from '../lib/tokens.js';

export type Kind = 'parley' | 'ws' | 'sio';
export const ROOM = 'bench';

/** The send timestamp travels inside the message text: `~bt=<monoMs>~`, found with one indexOf. */
const MARK = Buffer.from('~bt=');
const PAD = 'x'.repeat(60);

export function messageText(): string {
  return `~bt=${monoMs().toFixed(3)}~ ${PAD}`;
}

/** The send time carried by a frame, or -1 when it carries none. */
export function sendTimeOf(data: Buffer): number {
  const i = data.indexOf(MARK);
  if (i < 0) return -1;
  const end = data.indexOf(0x7e, i + MARK.length);
  return Number(data.toString('latin1', i + MARK.length, end));
}

function socketUrl(kind: Kind, base: string): string {
  const ws = base.replace(/^http/, 'ws');
  return kind === 'sio' ? `${ws}/socket.io/?EIO=4&transport=websocket` : `${ws}/ws`;
}

/** Resolves with the first text frame that `match` accepts (setup only; fails after 60 s). */
function nextText(ws: WebSocket, match: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error('setup timed out')), 60_000);
    const onMessage = (data: Buffer) => {
      const text = String(data);
      if (match(text)) done(null, text);
    };
    const onClose = () => done(new Error('closed during setup'));
    function done(error: Error | null, text = ''): void {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      if (error) reject(error);
      else resolve(text);
    }
    ws.on('message', onMessage);
    ws.once('close', onClose);
  });
}

async function parleyRequest(ws: WebSocket, id: number, op: string, data: unknown): Promise<void> {
  const reply = nextText(ws, (t) => t.startsWith(`{"reply":${id},`));
  ws.send(JSON.stringify({ id, op, data }));
  const frame = JSON.parse(await reply) as { code: number; msg?: string };
  if (frame.code !== 0) throw new Error(`${op} refused: ${frame.code} ${frame.msg ?? ''}`);
}

/** Opens a socket and joins the room; `onFrame` then sees every frame (installed before the join). */
export async function openMember(
  kind: Kind,
  base: string,
  userId: string,
  onFrame: (ws: WebSocket, data: Buffer) => void,
): Promise<WebSocket> {
  const ws = new WebSocket(socketUrl(kind, base), { perMessageDeflate: false });
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => {
    // Engine.IO heartbeat: answer the server's ping ("2") with a pong ("3").
    if (kind === 'sio' && data.length === 1 && data[0] === 0x32) ws.send('3');
    else onFrame(ws, data);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (kind === 'parley') {
    await parleyRequest(ws, 1, 'connect', { token: benchToken(userId), appkey: BENCH_APP.appKey });
    await parleyRequest(ws, 2, 'joinChatRoom', { chatRoomId: ROOM, count: -1 });
  } else if (kind === 'sio') {
    const open = nextText(ws, (t) => t.startsWith('40'));
    ws.send('40');
    await open;
    const joined = nextText(ws, (t) => t.startsWith('430'));
    ws.send(`420${JSON.stringify(['join', ROOM])}`);
    await joined;
  }
  return ws;
}

/** Sends one timestamped message from a sender socket. */
export function sendMessage(kind: Kind, ws: WebSocket, seq: number): void {
  const text = messageText();
  if (kind === 'parley') {
    const data = { chatRoomId: ROOM, messageType: 'RC:TxtMsg', content: { content: text }, clientMessageId: `c${seq}` };
    ws.send(JSON.stringify({ id: 100 + seq, op: 'sendChatroomMessage', data }));
  } else if (kind === 'sio') ws.send(`42${JSON.stringify(['m', { text }])}`);
  else ws.send(JSON.stringify({ text }));
}

/** A Parley reply with a non-zero code (a refused send), for the sender's error count. */
export function isRefusal(kind: Kind, data: Buffer): boolean {
  return kind === 'parley' && data[2] === 0x72 /* {"r */ && !data.includes('"code":0');
}
