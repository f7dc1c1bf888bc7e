/**
 * The `npm install ...` line of a README section that names `mustName`, as written in its ```sh block:
 * tests run what the README tells users to run, so the two cannot drift apart.
 */
export function readmeInstallLine(readme: string, heading: string, mustName: string): string {
  const start = readme.split('\n').findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`README: no "${heading}" section`);
  const lines = readme.split('\n').slice(start + 1);
  const end = lines.findIndex((line) => /^#{1,2} /.test(line));
  let inShell = false;
  for (const line of end < 0 ? lines : lines.slice(0, end)) {
    if (line.startsWith('```')) inShell = !inShell && /^```(sh|bash|shell)\s*$/.test(line);
    else if (inShell && line.startsWith('npm install ') && line.split(/\s+/).some((word) => word === mustName || word.startsWith(`${mustName}@`))) return line.trim();
  }
  throw new Error(`README: no \`npm install\` line naming ${mustName} under "${heading}"`);
}

/** The first ```ts block of a README section: a snippet the tests compile and run as written. */
export function readmeCodeBlock(readme: string, heading: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`README: no "${heading}" section`);
  const open = lines.findIndex((line, i) => i > start && /^```ts\s*$/.test(line));
  const next = lines.findIndex((line, i) => i > start && /^#{1,2} /.test(line));
  if (open < 0 || (next >= 0 && open > next)) throw new Error(`README: no \`\`\`ts block under "${heading}"`);
  const close = lines.findIndex((line, i) => i > open && line.startsWith('```'));
  return `${lines.slice(open + 1, close).join('\n')}\n`;
}
