/**
 * Chatroom fan-out, side by side in one run: Parley (gateway → room → every member socket) against a
 * bare `ws` server that broadcasts a pre-serialized string to the same number of sockets. Both use
 * real loopback WebSockets in this process. Usage: `npx tsx bench/chatroom-fanout.ts [members] [messages]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { issueToken, startServer } from '../server/index.js';

const MEMBERS = Number(process.argv[2] ?? 1000);
const MESSAGES = Number(process.argv[3] ?? 200);

/** Opens `n` sockets to `url`, in batches; `onText` sees every text frame. */
async function openSockets(url: string, n: number, onText: (ws: WebSocket, text: string) => void): Promise<WebSocket[]> {
  const out: WebSocket[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, n - i) }, () => new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.on('message', (data) => onText(ws, String(data)));
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      })),
    );
    out.push(...batch);
  }
  return out;
}

/** Resolves when every socket has counted `expected` frames. */
function allReceived(counts: Map<WebSocket, number>, expected: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => ([...counts.values()].every((c) => c >= expected) ? resolve() : setTimeout(check, 2));
    check();
  });
}

async function parley(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const server = await startServer({ port: 0, dataDir, sendRatePerSecond: 0, chatroom: { sweepMs: 0 } });
  const counts = new Map<WebSocket, number>();
  const replies = new Map<WebSocket, (f: { code: number }) => void>();
  const sockets = await openSockets(server.url.replace(/^http/, 'ws') + '/ws', MEMBERS + 1, (ws, text) => {
    if (text.startsWith('{"push":"chatroom","data":{"type":"message"')) counts.set(ws, (counts.get(ws) ?? 0) + 1);
    else if (text.startsWith('{"reply"')) replies.get(ws)?.(JSON.parse(text));
  });
  const request = (ws: WebSocket, id: number, op: string, data: unknown) =>
    new Promise<{ code: number }>((resolve) => {
      replies.set(ws, resolve);
      ws.send(JSON.stringify({ id, op, data }));
    });
  await Promise.all(sockets.map(async (ws, i) => {
    const token = issueToken({ userId: `b${i}`, appKey: server.appKey, issuedAt: Date.now() }, server.appSecret);
    await request(ws, 1, 'connect', { token, appkey: server.appKey });
    await request(ws, 2, 'joinChatRoom', { chatRoomId: 'bench', count: -1 });
  }));
  const [sender, ...members] = sockets;
  for (const ws of members) counts.set(ws, 0);
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    sender!.send(JSON.stringify({ id: 10 + i, op: 'sendChatroomMessage', data: { chatRoomId: 'bench', messageType: 'RC:TxtMsg', content: { content: `m${i}` }, clientMessageId: `m${i}` } }));
  }
  await allReceived(counts, MESSAGES);
  const ms = performance.now() - started;
  for (const ws of sockets) ws.terminate();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  return ms;
}

async function bareWs(): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss.once('listening', r));
  const counts = new Map<WebSocket, number>();
  const sockets = await openSockets(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, MEMBERS, (ws) => counts.set(ws, (counts.get(ws) ?? 0) + 1));
  for (const ws of sockets) counts.set(ws, 0);
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const text = JSON.stringify({ push: 'chatroom', data: { type: 'message', message: { content: { content: `m${i}` }, sentTime: Date.now() } } });
    for (const client of wss.clients) client.send(text);
  }
  await allReceived(counts, MESSAGES);
  const ms = performance.now() - started;
  for (const ws of sockets) ws.terminate();
  await new Promise((r) => wss.close(r));
  return ms;
}

const bare = await bareWs();
const ours = await parley();
const rate = (ms: number) => Math.round((MEMBERS * MESSAGES) / (ms / 1000)).toLocaleString('en');
console.log(`chatroom fan-out: ${MEMBERS} members × ${MESSAGES} messages = ${(MEMBERS * MESSAGES).toLocaleString('en')} deliveries`);
console.log(`  bare ws broadcast  ${bare.toFixed(0).padStart(6)} ms  ${rate(bare)} deliveries/s`);
console.log(`  parley chatroom    ${ours.toFixed(0).padStart(6)} ms  ${rate(ours)} deliveries/s  (×${(ours / bare).toFixed(2)})`);
