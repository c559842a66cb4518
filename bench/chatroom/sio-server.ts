/**
 * Baseline (b): Socket.IO rooms, as an app would use them: websocket transport only, a `join`
 * event with an ack, and `socket.to(room).emit` (the room minus the sender, as Parley does).
 * Usage: tsx bench/chatroom/sio-server.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { envelope } from './envelope.js';

const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false, perMessageDeflate: false });

io.on('connection', (socket) => {
  let room = '';
  socket.on('join', (name: string, ack?: () => void) => {
    room = name;
    void socket.join(name);
    ack?.();
  });
  socket.on('m', (sent: { text: string }) => {
    if (room) socket.to(room).emit('m', envelope(room, socket.id, sent.text));
  });
});

http.listen(0, '127.0.0.1', () =>
  console.log(`socket.io listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`),
);
process.on('SIGTERM', () => process.exit(0));
