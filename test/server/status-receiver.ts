/** A stand-in for the app's server in the status sync tests (a real HTTP server on loopback). */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StatusEvent } from '../../server/index.js';

/** The app's server: records signed status posts; can fail or hang on purpose. */
export class Receiver {
  readonly events: StatusEvent[] = [];
  readonly headers: IncomingMessage['headers'][] = [];
  failNext = 0;
  hang = false;
  private readonly http: Server;
  url = '';
  constructor() {
    this.http = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (this.hang) return; // never answers
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end();
          return;
        }
        this.headers.push(req.headers);
        this.events.push(...(JSON.parse(body) as StatusEvent[]));
        res.writeHead(200).end('{}');
      });
    });
  }
  async start(): Promise<void> {
    await new Promise<void>((r) => this.http.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/chatroom-status`;
  }
  async close(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise((r) => this.http.close(r));
  }
}
