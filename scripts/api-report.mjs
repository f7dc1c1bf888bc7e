// `npm run api` (update) and `npm run api:check` (part of `npm test`): API Extractor's report of each
// entry point in package.json `exports`, kept in api/<entry>.api.md so a change to the public surface
// shows in review. The check fails when the surface changed and the report was not updated, and prints
// the difference.
//
// It reads the declarations `npm run typecheck` writes to .cache/types (the one tsc run of `npm test`
// emits declarations only; no second build), with one compiler state for all entries.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const types = join(root, '.cache/types');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** `.` -> `root`, `./agents` -> `agents`; the declarations under .cache/types instead of dist. */
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.types)
  .map(([subpath, target]) => ({
    name: subpath === '.' ? 'root' : subpath.slice(2).replace(/\//g, '-'),
    subpath,
    dts: join(types, target.types.replace(/^\.\/dist\//, '')),
  }));

function configFor(entry) {
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: entry.dts,
      // Declarations in, so only the entry points and what they import are read.
      compiler: {
        overrideTsconfig: {
          compilerOptions: { target: 'ES2022', lib: ['ES2023'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'] },
          files: [entry.dts],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: entry.name,
        reportFolder: join(root, 'api'),
        reportTempFolder: join(root, '.cache/api-reports'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'error' } },
        // The report is for review, not for doc comments: release tags and TSDoc style are not ours.
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(root, 'package.json'),
  });
}

const missing = entries.filter((e) => !existsSync(e.dts));
if (missing.length) {
  console.error(`api-report: no declarations for ${missing.map((e) => e.subpath).join(', ')} under .cache/types: run \`npm run typecheck\` first.`);
  process.exit(1);
}
// Named exports only at the entry points: an `export *` lets whatever a module adds leak out unseen.
for (const e of entries) {
  const source = e.dts.replace(types, root).replace(/\.d\.ts$/, '.ts');
  const star = readFileSync(source, 'utf8').split('\n').findIndex((line) => /^\s*export\s+(type\s+)?\*/.test(line));
  if (star >= 0) {
    console.error(`api-report: ${source.slice(root.length + 1)}:${star + 1} re-exports with \`export *\`; name what the entry point exports.`);
    process.exitCode = 1;
  }
}
mkdirSync(join(root, 'api'), { recursive: true });
const configs = entries.map((entry) => ({ entry, config: configFor(entry) }));
const compilerState = CompilerState.create(configs[0].config, { additionalEntryPoints: configs.map(({ entry }) => entry.dts) });
const changed = [];
for (const { entry, config } of configs) {
  const result = Extractor.invoke(config, { localBuild: update, compilerState, printApiReportDiff: !update, messageCallback: (message) => {
    // "You have changed the public API signature..." is said below, once, with what to run.
    if (['console-preamble', 'console-compiler-version-notice', 'console-api-report-copied', 'console-api-report-not-copied'].includes(message.messageId)) message.handled = true;
  } });
  if (result.apiReportChanged) changed.push(entry);
  if (!result.succeeded && !(result.apiReportChanged && !update)) {
    console.error(`api-report: API Extractor failed on ${entry.subpath} (${result.errorCount} errors)`);
    process.exitCode = 1;
  }
}
if (changed.length && !update) {
  console.error(`api-report: the public API of ${changed.map((e) => (e.subpath === '.' ? 'the root entry' : e.subpath)).join(', ')} changed (the difference is above). If that is intended, run \`npm run api\` and commit api/*.api.md with the change.`);
  process.exitCode = 1;
} else if (update) {
  console.log(`api-report: ${changed.length ? `updated ${changed.map((e) => `api/${e.name}.api.md`).join(', ')}` : 'no change'} (${entries.length} entry points)`);
}
