// Every Block Kit payload the app can send is one Slack accepts: the view catalog builds each
// builder with realistic data (several groups, long names, many options, empty and full states)
// and the fake Web API's validator checks it. A new builder must join the catalog.
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIMITS, validateMessageBlocks, validateView } from './support/block-kit.js';
import { exportOf, NOT_PAYLOADS, VIEW_CATALOG } from './support/view-catalog.js';

const src = fileURLToPath(new URL('../src/', import.meta.url));

/** `<module>` → the module file: every `features/<feature>/views.ts`, and the lib/slack builders. */
function scannedModules(): Record<string, string> {
  const modules: Record<string, string> = { 'lib/blocks': `${src}lib/slack/blocks.ts`, 'lib/modal': `${src}lib/slack/modal.ts` };
  for (const feature of readdirSync(`${src}features`)) {
    const file = `${src}features/${feature}/views.ts`;
    if (existsSync(file)) modules[feature] = file;
  }
  return modules;
}

describe('the view catalog', () => {
  it('has an entry for every exported builder of every views.ts and of lib/slack', async () => {
    const missing: string[] = [];
    const stale: string[] = [];
    const covered = new Set(VIEW_CATALOG.map(exportOf));
    for (const [name, file] of Object.entries(scannedModules())) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const functions = Object.entries(mod).filter(([, v]) => typeof v === 'function').map(([k]) => k);
      for (const fn of functions) if (!covered.has(`${name}.${fn}`) && !NOT_PAYLOADS[name]?.includes(fn)) missing.push(`${name}.${fn}`);
      for (const fn of NOT_PAYLOADS[name] ?? []) if (!functions.includes(fn)) stale.push(`${name}.${fn}`);
    }
    for (const entry of covered) {
      const [module, fn] = entry.split('.') as [string, string];
      const file = scannedModules()[module];
      const mod = file ? ((await import(pathToFileURL(file).href)) as Record<string, unknown>) : {};
      if (typeof mod[fn] !== 'function') stale.push(entry);
    }
    expect(missing, 'exports without a catalog entry (add one to test/support/view-catalog.ts, or to NOT_PAYLOADS if it builds no payload)').toEqual([]);
    expect(stale, 'catalog names of exports that no longer exist').toEqual([]);
    expect(new Set(VIEW_CATALOG.map((e) => e.name)).size, 'entry names are unique').toBe(VIEW_CATALOG.length);
  });

  it.each(VIEW_CATALOG.map((e) => [e.name, e] as const))('%s is valid Block Kit', (_name, entry) => {
    const payload = entry.build() as Record<string, unknown>;
    if (entry.kind === 'message') {
      expect(typeof payload.text, 'a message has fallback text').toBe('string');
      expect((payload.text as string).length).toBeGreaterThan(0);
      expect((payload.text as string).length).toBeLessThanOrEqual(LIMITS.messageText);
      if (payload.blocks !== undefined) expect(validateMessageBlocks(payload.blocks).messages).toEqual([]);
    } else {
      expect(payload.type).toBe(entry.kind);
      expect(validateView(payload).messages).toEqual([]);
    }
  });
});
