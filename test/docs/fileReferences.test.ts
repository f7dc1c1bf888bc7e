import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

/** `folder/file.ts`-like names in backticks or comments, relative to src/ or to the file's folder. */
function referencedFiles(text: string): string[] {
  return [...text.matchAll(/`((?:[\w.-]+\/)*[\w.-]+\.(?:ts|mjs|md))`/g)].map((m) => m[1] as string);
}

function resolves(name: string, from: string): boolean {
  const bases = [dirname(from), src, root, join(src, 'api'), join(src, 'core')];
  return bases.some((base) => existsSync(join(base, name)));
}

describe('docs: file names in src/ point at files that exist', () => {
  it('src/README.md walks a visitor line through files that exist', () => {
    const readme = join(src, 'README.md');
    const names = referencedFiles(readFileSync(readme, 'utf8'));
    assert.ok(names.length > 20, `only ${names.length} file names found`);
    const missing = names.filter((name) => !existsSync(join(src, name)) && !existsSync(join(root, name)));
    assert.deepEqual(missing, []);
  });

  it('comments in src/*.ts name files that exist', () => {
    const missing: string[] = [];
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const path = join(src, file);
      for (const name of referencedFiles(readFileSync(path, 'utf8'))) {
        if (!resolves(name, path)) missing.push(`${relative(root, path)}: ${name}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
