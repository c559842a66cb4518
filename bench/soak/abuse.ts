/**
 * The soak's abuse phase: one user with a valid token tries to grow the server — hundreds of
 * sockets, drafts and pins to made-up ids, drafts to a real friend, message floods and uploads —
 * for SOAK_ABUSE_SECONDS (default 60). Reports server RSS and the data folder's size (database and
 * media) before and after; both must stay within what the limits allow.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createServerApiClient } from '../../server/api-client.js';
import { BENCH_APP, spawnParley, tempDir } from '../lib/children.js';
import { sampleProc } from '../lib/proc.js';
import { mb, printTable } from '../lib/table.js';
import { benchToken } from '../lib/tokens.js';

const SECONDS = Number(process.env.SOAK_ABUSE_SECONDS ?? 60);
const SOCKETS = Number(process.env.SOAK_ABUSE_SOCKETS ?? 200);
/** The defaults the bounds are computed from (docs/server-api.md, "Abuse limits"). */
const CAP = 32;
const UPLOADS_PER_MINUTE = 30;
const STATE_OPS_PER_MINUTE = 60 + 60;
const UPLOAD_BYTES = 256 * 1024;
const DRAFT = 'x'.repeat(4000);

/** Bytes of every file under `dir` (database, its WAL, media). */
function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** A lean socket: requests by id, replies counted, no frame history kept. */
class AbuseSocket {
  private nextId = 1;
  private readonly waiting = new Map<number, (code: number) => void>();
  open = true;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { reply?: number; code?: number };
      if (typeof frame.reply !== 'number') return;
      this.waiting.get(frame.reply)?.(frame.code ?? -1);
      this.waiting.delete(frame.reply);
    });
    ws.on('close', () => {
      this.open = false;
      for (const done of this.waiting.values()) done(-2);
      this.waiting.clear();
    });
  }

  static async connect(url: string, userId: string): Promise<AbuseSocket> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws');
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    const socket = new AbuseSocket(ws);
    await socket.request('connect', { token: benchToken(userId), appkey: BENCH_APP.appKey });
    return socket;
  }

  /** Resolves with the reply's code (-2 when the socket closed first). */
  request(op: string, data: Record<string, unknown>): Promise<number> {
    if (!this.open) return Promise.resolve(-2);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ id, op, data }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

export interface AbuseFigures {
  rssBefore: number;
  rssAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  bytesBound: number;
}

/** Runs the abuse phase; `check(ok, what)` records a failed bound. */
export async function soakAbuse(check: (ok: boolean, what: string) => void): Promise<AbuseFigures> {
  const dir = tempDir('parley-soak-abuse-');
  // The default limits, with the seeds' send rate (the other soak parts turn it off).
  const server = await spawnParley(dir.path, 0, undefined, ['--send-rate', '5']);
  const sockets: AbuseSocket[] = [];
  try {
    const api = createServerApiClient({ baseUrl: server.url, ...BENCH_APP });
    await api.call('/user/getToken.json', { userId: 'friend', name: 'friend' });
    const friend = await AbuseSocket.connect(server.url, 'friend');
    sockets.push(friend);
    await friend.request('sendMessage', {
      conversationType: 1,
      targetId: 'mal',
      messageType: 'RC:TxtMsg',
      content: { content: 'hi' },
      clientMessageId: 'f-1',
    });
    const rssBefore = sampleProc(server.pid).rss;
    const bytesBefore = folderBytes(dir.path);
    for (let i = 0; i < SOCKETS; i++) sockets.push(await AbuseSocket.connect(server.url, 'mal'));
    const codes = new Map<string, number>();
    const count = (what: string, code: number) => codes.set(`${what} ${code}`, (codes.get(`${what} ${code}`) ?? 0) + 1);
    const token = benchToken('mal');
    const upload = Buffer.alloc(UPLOAD_BYTES, 7);
    let peakRss = rssBefore;
    const end = Date.now() + SECONDS * 1000;
    for (let round = 0; Date.now() < end; round++) {
      const live = sockets.slice(1).filter((s) => s.open);
      const ops = live.flatMap((s, k) => {
        const n = `${round}-${k}`;
        return [
          s
            .request('saveTextMessageDraft', { conversationType: 1, targetId: `made-up-${n}`, draft: DRAFT })
            .then((c) => count('draft made-up', c)),
          s
            .request('setConversationToTop', { conversationType: 1, targetId: `made-up-pin-${n}`, isTop: true })
            .then((c) => count('pin made-up', c)),
          s
            .request('saveTextMessageDraft', { conversationType: 1, targetId: 'friend', draft: DRAFT })
            .then((c) => count('draft friend', c)),
          s
            .request('sendMessage', {
              conversationType: 1,
              targetId: 'friend',
              messageType: 'RC:TxtMsg',
              content: { content: n },
              clientMessageId: `m-${n}`,
            })
            .then((c) => count('send', c)),
        ];
      });
      const uploads = Array.from({ length: 4 }, () =>
        fetch(`${server.url}/upload?kind=file&name=junk`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
          body: upload,
        })
          .then(async (res) => count('upload', res.status))
          .catch(() => count('upload', -1)),
      );
      await Promise.all([...ops, ...uploads]);
      peakRss = Math.max(peakRss, sampleProc(server.pid).rss);
    }
    await new Promise((r) => setTimeout(r, 500));
    const open = sockets.slice(1).filter((s) => s.open).length;
    const rssAfter = sampleProc(server.pid).rss;
    const bytesAfter = folderBytes(dir.path);
    // What the limits allow in SECONDS: the uploads' bytes and the stored state ops' rows (generously 8 KB each), plus 4 MB for the database's own pages and WAL.
    const minutes = Math.ceil(SECONDS / 60) + 1;
    const bytesBound = minutes * (UPLOADS_PER_MINUTE * UPLOAD_BYTES + STATE_OPS_PER_MINUTE * 8192) + 4 * 1024 * 1024;
    printTable(
      `Abuse phase: one user, ${SOCKETS} sockets opened, ${SECONDS} s of drafts / pins to made-up ids, floods, uploads`,
      [
        'sockets left (cap 32)',
        'RSS MB before',
        'RSS MB peak',
        'RSS MB after',
        'data MB before',
        'data MB after',
        'data MB bound',
      ],
      [[open, mb(rssBefore), mb(peakRss), mb(rssAfter), mb(bytesBefore), mb(bytesAfter), mb(bytesBound)]],
    );
    console.log(
      [...codes]
        .sort()
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n'),
    );
    check(open <= CAP, `abuse: ${open} sockets of one user stayed open (cap ${CAP})`);
    check(
      bytesAfter - bytesBefore <= bytesBound,
      `abuse: data grew ${mb(bytesAfter - bytesBefore).toFixed(1)} MB (bound ${mb(bytesBound).toFixed(1)} MB)`,
    );
    check(
      peakRss < rssBefore * 2 + 64 * 1024 * 1024,
      `abuse: RSS grew from ${mb(rssBefore).toFixed(0)} to ${mb(peakRss).toFixed(0)} MB`,
    );
    check(server.child.exitCode === null, 'abuse: server died');
    return { rssBefore, rssAfter, bytesBefore, bytesAfter, bytesBound };
  } finally {
    for (const s of sockets) s.close();
    await server.stop();
    dir.remove();
  }
}
