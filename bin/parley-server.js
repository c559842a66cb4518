#!/usr/bin/env node
// The `parley-server` command. An installed package runs the built server; in a checkout without a build it
// runs the TypeScript sources through tsx, so the command works in both places.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/server/cli.js', import.meta.url);

if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../server/cli.ts', import.meta.url).href);
}
