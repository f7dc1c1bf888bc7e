import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const src = join(import.meta.dirname, '../../src');
const frameworks = /^(botbuilder|botframework-|@microsoft\/agents-)/;
const specifiers = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

/** Every module an entry reaches through relative imports (types included), with the packages each names. */
function reach(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const named = specifiers(file);
    seen.set(file, named.filter((s) => !s.startsWith('.')));
    for (const s of named.filter((s) => s.startsWith('.'))) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(join(src, entry));
  return seen;
}

/** The core serves both bindings: it must load (and type-check) with neither framework installed. */
describe('src/core is framework-neutral', () => {
  const root = join(src, 'core');

  it('imports neither botbuilder nor the Agents SDK, not even types', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(root).filter((f) => f.endsWith('.ts'))) {
      for (const specifier of specifiers(join(root, file))) {
        if (frameworks.test(specifier)) offenders.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  // Beside the transports (Chat Agent REST, Messaging websocket), the package's one logger and its error codes: both import
  // nothing but `debug` (checked here too), so the core stays neutral through them.
  const SHARED = ['../logger.js', '../errorCodes.js'];
  it('reaches outside itself only into the transports (src/api, src/messaging) and the package-wide logger and error codes', () => {
    const outside: string[] = [];
    for (const file of readdirSync(root).filter((f) => f.endsWith('.ts'))) {
      for (const specifier of specifiers(join(root, file)).filter((s) => s.startsWith('../'))) {
        if (!specifier.startsWith('../api/') && !specifier.startsWith('../messaging/') && !SHARED.includes(specifier)) outside.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(outside, []);
    const shared = SHARED.flatMap((s) => specifiers(join(root, s.replace(/\.js$/, '.ts'))).filter((spec) => spec !== 'debug').map((spec) => `${s}: ${spec}`));
    assert.deepEqual(shared, []);
  });
});

/**
 * Entries a project without botbuilder imports: nothing they reach may name botbuilder (types
 * included); monitoring and the CSAT flow serve both frameworks, so they name neither.
 */
const ENTRIES: { entry: string; forbidden: RegExp; what: string }[] = [
  { entry: 'monitoring/index.ts', forbidden: frameworks, what: 'no bot framework' },
  { entry: 'csat/neutral.ts', forbidden: frameworks, what: 'no bot framework' },
  { entry: 'agents/index.ts', forbidden: /^(botbuilder|botframework-)/, what: 'no botbuilder' },
];
for (const { entry, forbidden, what } of ENTRIES) {
  describe(`src/${entry}, an entry of projects without botbuilder`, () => {
    it(`reaches ${what}, not even for types`, () => {
      const offenders = [...reach(entry)].flatMap(([file, packages]) => packages.filter((p) => forbidden.test(p)).map((p) => `${relative(src, file)}: ${p}`));
      assert.deepEqual(offenders, []);
    });
  });
}
