/**
 * Baseline (a): a bare `ws` server that broadcasts every text frame a client sends to every other
 * socket, wrapped in the same push shape as Parley's, with no checks and no state. Serialized and
 * UTF-8 encoded once per message (the best a Node broadcaster can do short of raw frame hacks).
 * Usage: tsx bench/chatroom/ws-server.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { envelope } from './envelope.js';

const http = createServer((_req, res) => res.end());
const wss = new WebSocketServer({ server: http, path: '/ws', perMessageDeflate: false });

wss.on('connection', (ws) => {
  ws.on('message', (raw, isBinary) => {
    if (isBinary) return;
    const sent = JSON.parse(String(raw)) as { text: string };
    const bytes = Buffer.from(
      JSON.stringify({ push: 'chatroom', data: { type: 'message', message: envelope('bench', 'sender', sent.text) } }),
    );
    for (const client of wss.clients) if (client !== ws) client.send(bytes, { binary: false });
  });
});

http.listen(0, '127.0.0.1', () =>
  console.log(`ws broadcast listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`),
);
process.on('SIGTERM', () => process.exit(0));
