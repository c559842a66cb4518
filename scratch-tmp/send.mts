import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/index.ts';
import { createServerApiClient } from '../server/api-client.ts';
import { ParleyClient, TextMessage } from '../src/services/client/index.ts';
async function main() {
const server = await startServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sb-')), sendRatePerSecond: 0 });
const api = createServerApiClient({ baseUrl: server.url, appKey: server.appKey, appSecret: server.appSecret });
const tok = async (u: string) => (await api.call('/user/getToken.json', { userId: u, name: u, portraitUri: '' })).token as string;
await tok('alice');
const c = new ParleyClient({ appkey: server.appKey, navi: server.url });
console.log((await c.connect(await tok('bob'))).code);
const t0 = Date.now();
for (let s = 0; s < 10000; s += 200) {
  const r = await Promise.all(Array.from({ length: 200 }, (_, i) => c.sendMessage({ conversationType: 1, targetId: 'alice' }, new TextMessage({ content: `n${s + i}` }))));
  if (r.some((x) => x.code !== 0)) console.log('fail', r.find((x) => x.code !== 0));
  if (s % 2000 === 0) console.log(s, Date.now() - t0);
}
console.log('10000 sends ms', Date.now() - t0);
const a = new ParleyClient({ appkey: server.appKey, navi: server.url });
await a.connect(await tok('alice'));
let ts = 0, n = 0; const t1 = Date.now();
for (;;) { const r = await a.getHistoryMessages({ conversationType: 1, targetId: 'bob' }, { timestamp: ts, count: 20, order: 0 }); n += r.data!.list.length; if (!r.data!.hasMore) break; ts = Math.min(...r.data!.list.map((m) => m.sentTime)); if (n % 2000 === 0) console.log('hist', n, Date.now() - t1); }
console.log('history', n, Date.now() - t1);
process.exit(0);
}
main();
