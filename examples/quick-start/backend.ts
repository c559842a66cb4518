// examples/quick-start/backend.ts: your backend's token endpoint (Node). It alone knows the App Secret.
import { createServer } from 'node:http';
import { createServerApiClient, ServerApiError } from 'parley/server';

const navi = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';
const appKey = process.env.PARLEY_APP_KEY ?? '';
const api = createServerApiClient({ baseUrl: navi, appKey, appSecret: process.env.PARLEY_APP_SECRET ?? '' });

const server = createServer(async (req, res) => {
  // Your own sign-in decides who is asking; the query string stands in for it here.
  const userId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('user') ?? '';
  try {
    const { token } = await api.request('/user/getToken.json', { userId, name: userId });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token, appkey: appKey, navi }));
  } catch (error) {
    const status = error instanceof ServerApiError ? 400 : 502;
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(`token endpoint on ${JSON.stringify(server.address())}`),
);
