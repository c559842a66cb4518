/**
 * A lean client speaking Parley's wire protocol on a raw `ws` socket, for load generators that hold
 * hundreds of sockets per process (ParleyClient does more per socket than a generator needs).
 */
import WebSocket from 'ws';
import type { InboxPush, ReplyFrame } from '../../src/protocol/frames.js';

export class WireClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: ReplyFrame) => void>();
  onPush: (push: InboxPush) => void = () => {};

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ReplyFrame | InboxPush;
      if ('push' in frame) return this.onPush(frame);
      const done = frame.reply === null ? undefined : this.waiting.get(frame.reply);
      if (done) {
        this.waiting.delete(frame.reply!);
        done(frame);
      }
    });
    ws.on('close', () => {
      for (const done of this.waiting.values()) done({ reply: null, code: -1, msg: 'closed' });
      this.waiting.clear();
    });
    ws.on('error', () => {});
  }

  /** Opens a socket to `baseUrl` (http://host:port) + /ws. */
  static open(baseUrl: string): Promise<WireClient> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws', { perMessageDeflate: false });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WireClient(ws)));
      ws.once('error', reject);
    });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a caller that names no reply type reads the fields it needs
  request<D = any>(op: string, data: Record<string, unknown> = {}): Promise<ReplyFrame<D>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, (frame) => resolve(frame as ReplyFrame<D>));
      this.ws.send(JSON.stringify({ id, op, data }));
    });
  }

  /** Opens and connects; throws when the server refuses. */
  static async connect(baseUrl: string, token: string, appkey: string): Promise<WireClient> {
    const client = await WireClient.open(baseUrl);
    const res = await client.request('connect', { token, appkey });
    if (res.code !== 0) throw new Error(`connect refused: ${res.code} ${res.msg ?? ''}`);
    return client;
  }

  close(): void {
    this.ws.terminate();
  }
}
