// `npm run build` (and `prepack`): a clean dist/ from the TypeScript sources, plus the READMEs the
// published type declarations point readers at, so that what `npm pack` ships is whole. The simulator
// page's bundle is written first (scripts/page.mjs): tsc compiles it into dist/ with the rest.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePageModule } from './page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// Stale output of renamed or deleted sources must not be packed.
rmSync(join(root, 'dist'), { recursive: true, force: true });
await writePageModule();
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
for (const file of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
  if (file.endsWith('README.md')) cpSync(join(root, 'src', file), join(root, 'dist', 'src', file));
}
