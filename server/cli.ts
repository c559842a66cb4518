/**
 * `parley-server`: runs the IM server until SIGINT/SIGTERM.
 * Prints `Parley server listening on http://HOST:PORT` (tests parse that line).
 */
import { parseArgs } from 'node:util';
import { abuseFlagSpecs, abuseHelp, abuseOptions } from './cli-abuse.js';
import { startServer } from './index.js';
import { redactUrl } from './storage/unavailable.js';

const HELP = `Usage: parley-server [options]

Runs the Parley IM server: the Server API (HTTP POST) and the WebSocket gateway on /ws.

Options:
  --port <n>          Port to listen on (default 8080; 0 picks a free port)
  --host <addr>       Interface to bind (default 127.0.0.1)
  --data <dir>        Data folder: SQLite database and app.json (default ./data)
  --database-url <u>  PostgreSQL URL (postgres://user:pass@host:5432/db; default: env
                      PARLEY_DATABASE_URL; neither = SQLite in the data folder)
  --app-key <key>     App Key (default: env PARLEY_APP_KEY, else <data>/app.json, else generated)
  --app-secret <s>    App Secret (default: env PARLEY_APP_SECRET, else as above)
  --redis-url <url>   Redis for a cluster of nodes (env PARLEY_REDIS_URL; default: one node, no Redis)
  --node-id <id>      This node's id in the cluster (env PARLEY_NODE_ID; default: random)
  --redis-prefix <p>  Prefix of Redis keys and channels (env PARLEY_REDIS_PREFIX; default parley:)
  --lease-ms <n>      Presence lease: a dead node's members leave after this long (default 30000, max 60000)
  --push-webhook-url <u>  The app's push webhook: offline recipients' pushes are POSTed there, signed
                      (env PARLEY_PUSH_WEBHOOK_URL; default: no push; docs/push.md)
  --web-push-subject <s>  Turns on Web Push to browsers (mailto: or https: contact for push services;
                      env PARLEY_WEB_PUSH_SUBJECT); VAPID keys from PARLEY_VAPID_PUBLIC_KEY and
                      PARLEY_VAPID_PRIVATE_KEY, else generated once into <data>/vapid.json
  --quiet             Log only the startup lines
  -h, --help          Show this help

Abuse limits (docs/server-api.md, "Abuse limits"):
${abuseHelp}
`;

/** Web Push settings from the environment (every node of a cluster needs the same VAPID pair). */
function webPushOptions(subject: string): { subject: string; publicKey?: string; privateKey?: string } {
  const publicKey = process.env.PARLEY_VAPID_PUBLIC_KEY || undefined;
  const privateKey = process.env.PARLEY_VAPID_PRIVATE_KEY || undefined;
  if (!publicKey !== !privateKey)
    throw new Error('set both PARLEY_VAPID_PUBLIC_KEY and PARLEY_VAPID_PRIVATE_KEY, or neither');
  return { subject, ...(publicKey && privateKey ? { publicKey, privateKey } : {}) };
}

/**
 * Redis without a database URL: supported for nodes on one machine sharing one SQLite data folder,
 * but nodes on several machines would each keep their own data (a split cluster). Said loudly.
 */
function splitClusterWarning(dataDir: string): string {
  return [
    `WARNING: this node joins a cluster on Redis but keeps its data in SQLite in ${dataDir}.`,
    '  Every node of the cluster must run on this machine with this same data folder. Nodes on other machines',
    '  would each keep their own users, messages and rooms (a split cluster). For nodes on several machines,',
    '  give every node the same --database-url (PostgreSQL); see docs/deploy.md.',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'app-key': { type: 'string' },
      'app-secret': { type: 'string' },
      ...abuseFlagSpecs,
      'redis-url': { type: 'string' },
      'node-id': { type: 'string' },
      'redis-prefix': { type: 'string' },
      'lease-ms': { type: 'string' },
      'push-webhook-url': { type: 'string' },
      'web-push-subject': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`);
  const leaseMs = values['lease-ms'] === undefined ? undefined : Number(values['lease-ms']);
  if (leaseMs !== undefined && !(Number.isInteger(leaseMs) && leaseMs >= 500 && leaseMs <= 60_000)) {
    throw new Error(`--lease-ms: not a lease between 500 and 60000 ms: ${values['lease-ms']}`);
  }
  const quiet = values.quiet ?? false;
  const pushWebhookUrl = values['push-webhook-url'] ?? (process.env.PARLEY_PUSH_WEBHOOK_URL || undefined);
  const webPushSubject = values['web-push-subject'] ?? (process.env.PARLEY_WEB_PUSH_SUBJECT || undefined);
  const databaseUrl = values['database-url'] ?? (process.env.PARLEY_DATABASE_URL || undefined);
  const redisUrl = values['redis-url'] ?? (process.env.PARLEY_REDIS_URL || undefined);
  const redisPrefix = values['redis-prefix'] ?? (process.env.PARLEY_REDIS_PREFIX || undefined);
  const server = await startServer({
    ...abuseOptions(values, process.env),
    port,
    host: values.host ?? '127.0.0.1',
    dataDir: values.data ?? './data',
    databaseUrl,
    appKey: values['app-key'] ?? process.env.PARLEY_APP_KEY,
    appSecret: values['app-secret'] ?? process.env.PARLEY_APP_SECRET,
    redisUrl,
    nodeId: values['node-id'] ?? (process.env.PARLEY_NODE_ID || undefined),
    redisPrefix,
    presenceLeaseMs: leaseMs,
    push:
      pushWebhookUrl || webPushSubject
        ? { webhookUrl: pushWebhookUrl, webPush: webPushSubject ? webPushOptions(webPushSubject) : undefined }
        : undefined,
    logger: quiet ? undefined : (line) => console.log(line),
  });
  console.log(`Parley server listening on ${server.url}`);
  console.log(`Storage: ${server.storage}`);
  if (redisUrl) {
    console.log(
      `Node ${server.nodeId} in the cluster on Redis at ${redactUrl(redisUrl)} (prefix ${redisPrefix ?? 'parley:'})`,
    );
    if (!databaseUrl) console.error(splitClusterWarning(server.dataDir));
  }
  console.log(`App Key: ${server.appKey}`);
  if (server.credentialsCreated) {
    console.log(`App Secret: ${server.appSecret}`);
    console.log(`(generated now and kept in ${server.dataDir}/app.json; keep it private)`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Another process took this node's id: closed already; exit as a duplicate does at start.
  void server.stopped.then((error) => {
    console.error(`parley-server: ${error.message}`);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(`parley-server: ${(error as Error).message ?? error}`);
  process.exit(1);
});
