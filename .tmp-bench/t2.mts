import { openPostgres } from '/work/wt-pg/server/storage/pg-connect.js';
import { message } from '/work/wt-pg/test/server/storage-engines.js';
import pg from 'pg';
const admin = new pg.Client('postgres://postgres@127.0.0.1:5432/postgres'); await admin.connect();
await admin.query('DROP DATABASE IF EXISTS t_timing'); await admin.query('CREATE DATABASE t_timing');
const o = await openPostgres('postgres://postgres@127.0.0.1:5432/t_timing');
const times = new Map<string, number[]>();
const orig = o.db.query.bind(o.db);
(o.db as any).query = async (sql: string, p: unknown[], on: any) => { const t = performance.now(); try { return await orig(sql, p, on); } finally { const k = sql.trim().slice(0, 40); (times.get(k) ?? times.set(k, []).get(k)!).push(performance.now() - t); } };
const c = await o.pool.connect();
const t0 = performance.now();
for (let i = 0; i < 5; i++) { const t = performance.now(); await c.query('BEGIN'); await c.query('COMMIT'); console.log('empty tx', performance.now() - t); }
for (let i = 0; i < 5; i++) { const t = performance.now(); await c.query('BEGIN'); await c.query("insert into users values ('x"+i+"','','',1)"); await c.query('COMMIT'); console.log('write tx', performance.now() - t); }
c.release();
for (let i = 0; i < 50; i++) await o.storage.appendMessage(message('a', 'b', `c${i}`, 1000 + i), [{ userId: 'b', countUnread: true }, { userId: 'a', countUnread: false }]);
for (const [k, v] of times) console.log(k.replace(/\s+/g, ' '), (v.reduce((a, b) => a + b, 0) / v.length).toFixed(2));
await o.close(); await admin.query('DROP DATABASE t_timing'); await admin.end();
