/**
 * A TCP proxy on loopback that can cut every connection through it at once: the network failing
 * under real clients, without touching the server. Used by the reconnect benchmark and the
 * flaky-network test.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class TcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  /** Connections accepted while blackholed: never forwarded, never answered. */
  private readonly held = new Set<Socket>();
  private holding = false;
  /** Open connections kept open but not forwarded (`stall`). */
  private stalled = false;
  /** Connections cut so far. */
  cuts = 0;

  private constructor(private readonly server: Server) {}

  /** Listens on 127.0.0.1 (a free port) and forwards to `127.0.0.1:targetPort`. */
  static start(targetPort: number): Promise<TcpProxy> {
    const server = createServer({ noDelay: true });
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => proxy.forward(client, targetPort));
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(proxy)));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Base URL clients use instead of the server's. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Open connections through the proxy. */
  get size(): number {
    return this.pairs.size;
  }

  /** Cuts every open connection (RST on both sides); returns how many. */
  cutAll(): number {
    const n = this.pairs.size;
    for (const pair of [...this.pairs]) this.cut(pair);
    return n;
  }

  /** Cuts one random connection, if any. */
  cutOne(random: () => number = Math.random): boolean {
    const all = [...this.pairs];
    if (all.length === 0) return false;
    this.cut(all[Math.floor(random() * all.length)]!);
    return true;
  }

  /**
   * Stops forwarding, as a network that silently drops packets: open connections are cut, and new
   * ones are accepted but never forwarded nor answered (a client waits out its own timeout).
   */
  blackhole(): void {
    this.holding = true;
    this.cutAll();
  }

  /**
   * A peer that vanished without a reset (a firewall dropping packets): open connections stay open
   * but nothing crosses them any more, and new ones are held as in `blackhole`.
   */
  stall(): void {
    this.holding = true;
    this.stalled = true;
    for (const [a, b] of this.pairs) {
      a.unpipe(b);
      b.unpipe(a);
      a.pause();
      b.pause();
    }
  }

  /** Forwards again (stalled connections carry on); the connections held meanwhile are closed. */
  restore(): void {
    this.holding = false;
    if (this.stalled) {
      this.stalled = false;
      for (const [a, b] of this.pairs) {
        a.pipe(b);
        b.pipe(a);
      }
    }
    for (const s of this.held) s.destroy();
    this.held.clear();
  }

  close(): Promise<void> {
    this.restore();
    this.cutAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private cut(pair: [Socket, Socket]): void {
    if (!this.pairs.delete(pair)) return;
    this.cuts++;
    for (const s of pair) {
      try {
        s.resetAndDestroy();
      } catch {
        s.destroy();
      }
    }
  }

  private forward(client: Socket, targetPort: number): void {
    if (this.holding) {
      this.held.add(client);
      client.on('error', () => client.destroy());
      return;
    }
    const upstream = connect({ port: targetPort, host: '127.0.0.1', noDelay: true });
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) {
      s.on('error', end);
      s.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
