#!/usr/bin/env node
// `npm run build`: a fresh dist/ for `npm run start:prod` (plain node, no tsx). Regenerates the
// Prisma client first (it is TypeScript in src/generated and compiled with the rest); the
// migrations are not copied: dist/db/client.js reads them from prisma/migrations at run time.
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run([join(root, 'scripts', 'prisma-generate.mjs')]);
rmSync(join(root, 'dist'), { recursive: true, force: true });
run([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')]);
// The embedded database's thread is plain JavaScript (it runs unbuilt under tsx and vitest too).
copyFileSync(join(root, 'src', 'db', 'pglite-worker.mjs'), join(root, 'dist', 'db', 'pglite-worker.mjs'));
process.stdout.write('Built dist/ (start it with `npm run start:prod`)\n');
