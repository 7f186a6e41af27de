#!/usr/bin/env node
// `npm start`: builds the web console on first run (when web/dist is missing), then starts the server through tsx.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';

if (existsSync('web/index.html') && !existsSync('web/dist/index.html')) {
  process.stderr.write('首次启动：正在构建控制台 / first start: building the web console…\n');
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.stderr.write('控制台构建失败，仅启动接口 / console build failed; starting the API only\n');
}
register();
const { startServer } = await import('../src/main/server.ts');
await startServer();
