import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The core serves both bindings: it must load (and type-check) with neither framework installed. */
describe('src/core is framework-neutral', () => {
  const root = join(import.meta.dirname, '../../src/core');
  const frameworks = /^(botbuilder|botframework-|@microsoft\/agents-)/;

  it('imports neither botbuilder nor the Agents SDK, not even types', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(root).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (frameworks.test(specifier!)) offenders.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('reaches outside itself only into src/api', () => {
    const outside: string[] = [];
    for (const file of readdirSync(root).filter((f) => f.endsWith('.ts'))) {
      for (const [, specifier] of readFileSync(join(root, file), 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)) {
        if (!specifier!.startsWith('../api/')) outside.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(outside, []);
  });
});
