/**
 * One "node" of the concurrent-append test: its own process and pool on the shared database.
 * argv: <database url> <worker index> <sends per kind>. Prints one JSON line with what it got back.
 */
import { openPostgres } from '../../server/storage/pg-connect.js';
import { message } from './storage-engines.js';

const [url, indexText, countText] = process.argv.slice(2);
const index = Number(indexText);
const count = Number(countText);
const sender = `w${index}`;
const opened = await openPostgres(url!, { max: 4 });
const { storage } = opened;
await storage.joinGroup('cg', 'Concurrent', ['shared', 'x1', 'x2', sender], 1);

const resends: Record<string, string> = {};
let duplicates = 0;
const jobs: Array<Promise<unknown>> = [];
for (let i = 0; i < count; i++) {
  const t = 1_000_000 + index * 10_000 + i;
  jobs.push(
    storage.appendMessage(message(sender, 'shared', `p-${i}`, t), [
      { userId: 'shared', countUnread: true },
      { userId: sender, countUnread: false },
    ]),
  );
  const members = ['shared', 'x1', 'x2', sender].map((userId) => ({ userId, countUnread: userId !== sender }));
  jobs.push(storage.appendMessage(message(sender, 'cg', `g-${i}`, t, `g-${i}`, true), members));
  // The same client message ids from one sender on every node: a resend after a lost ack.
  if (i < 20) {
    jobs.push(
      storage
        .appendMessage(message('resender', 'shared', `r-${i}`, t), [{ userId: 'shared', countUnread: true }])
        .then((r) => {
          resends[`r-${i}`] = r.message.messageUId;
          if (r.duplicate) duplicates++;
        }),
    );
  }
  // Let the sends of several turns interleave with the other processes' commits.
  if (i % 25 === 24) await Promise.all(jobs.splice(0));
}
await Promise.all(jobs);
await opened.close();
process.stdout.write(JSON.stringify({ resends, duplicates }) + '\n');
