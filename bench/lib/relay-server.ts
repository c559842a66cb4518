/**
 * Baseline server for side-by-side runs: the same wire frames as Parley (connect, sendMessage,
 * inbox pushes), but no validation, no storage, no sequence numbers kept on disk: a bare
 * WebSocket relay. What Parley costs beyond it is the price of checking and durability.
 *
 * Usage: tsx bench/lib/relay-server.ts --group NAME=PREFIX:COUNT (members PREFIX0..PREFIX{COUNT-1})
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';

const { values } = parseArgs({ options: { group: { type: 'string', multiple: true } } });
const groups = new Map<string, string[]>();
for (const spec of values.group ?? []) {
  const [, name, prefix, count] = /^([^=]+)=([^:]*):(\d+)$/.exec(spec) ?? [];
  if (!name) throw new Error(`bad --group ${spec}`);
  groups.set(
    name,
    Array.from({ length: Number(count) }, (_, i) => `${prefix}${i}`),
  );
}

const sockets = new Map<string, Set<WebSocket>>();
const seqs = new Map<string, number>();
const http = createServer((_req, res) => res.end());
const wss = new WebSocketServer({ server: http, path: '/ws', perMessageDeflate: false });

wss.on('connection', (ws) => {
  let user = '';
  ws.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as {
      id: number;
      op: string;
      data: { token?: string; conversationType?: number; targetId: string };
    };
    if (frame.op === 'connect') {
      // The token is the user id: there is nothing to verify in a baseline.
      user = String(frame.data.token);
      if (!sockets.has(user)) sockets.set(user, new Set());
      sockets.get(user)!.add(ws);
      ws.send(
        JSON.stringify({
          reply: frame.id,
          code: 0,
          data: { userId: user, sessionId: 'x', lastSeq: 0, serverTime: Date.now() },
        }),
      );
      return;
    }
    if (frame.op !== 'sendMessage') return ws.send(JSON.stringify({ reply: frame.id, code: 0, data: {} }));
    const d = frame.data;
    const message = { ...d, senderUserId: user, messageUId: `r${frame.id}`, sentTime: Date.now() };
    ws.send(JSON.stringify({ reply: frame.id, code: 0, data: { message } }));
    const recipients = d.conversationType === 3 ? (groups.get(d.targetId) ?? []) : [d.targetId, user];
    for (const to of recipients) {
      const seq = (seqs.get(to) ?? 0) + 1;
      seqs.set(to, seq);
      const targetId = d.conversationType === 3 ? d.targetId : to === user ? d.targetId : user;
      const text = JSON.stringify({
        push: 'inbox',
        data: { items: [{ seq, type: 'message', message: { ...message, targetId } }], conversations: [] },
      });
      for (const s of sockets.get(to) ?? []) s.send(text);
    }
  });
  ws.on('close', () => sockets.get(user)?.delete(ws));
});

http.listen(0, '127.0.0.1', () => {
  console.log(`relay listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));
