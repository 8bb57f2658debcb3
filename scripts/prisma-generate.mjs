#!/usr/bin/env node
// Runs `prisma generate` offline. The Prisma CLI wants a native schema-engine binary it
// downloads on first use; generate never calls it, and the CLI is satisfied when
// PRISMA_SCHEMA_ENGINE_BINARY names any existing file. Called by `npm install`
// (postinstall) and before `npm test`, so the generated client always matches the schema.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, encoding: 'utf8' });
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(result.status ?? 1);
}
process.stdout.write('Prisma client generated in src/generated/prisma\n');
