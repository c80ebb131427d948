#!/usr/bin/env node
// Builds what is missing or out of date (compiled server, web bundle), then runs the server's command line.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);

function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) {
      return;
    }
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) {
        if (e !== 'node_modules') {
          walk(path.join(p, e));
        }
      }
    } else if (!p.endsWith('.test.ts') && !p.endsWith('.test.tsx')) {
      max = Math.max(max, s.mtimeMs);
    }
  };
  paths.forEach(walk);
  return max;
}

const stampTime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

function build(what, stamp, sources, args) {
  if (stampTime(stamp) >= newest(sources)) {
    return;
  }
  console.error(`Building the ${what}…`);
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}

const shared = [at('src/shared'), at('package-lock.json')];
build(
  'server',
  at('dist/.server-built'),
  [at('src/server'), at('tsconfig.json'), at('tsconfig.server.json'), ...shared],
  [at('node_modules/typescript/bin/tsc'), '-p', at('tsconfig.server.json')],
);
build(
  'web app',
  at('dist/.web-built'),
  [at('src/web'), at('index.html'), at('vite.config.ts'), at('public'), ...shared],
  [at('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
);

await import(pathToFileURL(at('dist/server/main.js')).href);
