// Regenerates manifests/*.json from src/surface.ts (npm run manifest).
import { writeFileSync } from 'node:fs';
import { buildManifest, MANIFEST_FILES } from '../src/manifest.js';

for (const mode of ['http', 'socket'] as const) {
  writeFileSync(MANIFEST_FILES[mode], `${JSON.stringify(buildManifest(mode), null, 2)}\n`);
  console.log(`wrote ${MANIFEST_FILES[mode]}`);
}
