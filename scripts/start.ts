// `npm start`: the IM server on loopback with embedded defaults (SQLite in ./data) and the demo on Vite.
import { startDemo, type RunningDemo } from './demo.js';

const serverPort = Number(process.env.PORT ?? 8080);
let demo: RunningDemo;
try {
  demo = await startDemo({
    serverPort,
    demoPort: Number(process.env.DEMO_PORT ?? 5173),
    dataDir: process.env.PARLEY_DATA_DIR ?? './data',
  });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.error(`Port ${serverPort} is in use (another Parley running?). Start on another one: PORT=8081 npm start`);
  process.exit(1);
}
const { demoUrl, server, close } = demo;

console.log(`\nParley server: ${server.url}  (data in ${server.dataDir})`);
console.log(`App Key:       ${server.appKey}`);
if (server.credentialsCreated) {
  // Shown once; it stays in <data>/app.json so tokens issued now still work after a restart.
  console.log(`App Secret:    ${server.appSecret}  (generated now, kept in ${server.dataDir}/app.json)`);
}
console.log(`\nParley demo:   ${demoUrl}\n`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = () => {
  if (stopping) process.exit(1); // a second Ctrl+C does not wait
  stopping = true;
  close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
