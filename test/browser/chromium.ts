import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

/** Debian's `chromium` package; CI (`.ci/run`) installs it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium for the browser tests, or an error that says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}, and the browser test needs it. ` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium (CI does this in .ci/run), ' +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Collects the page's errors, console errors and warnings into `problems`, but for what the test
 * expects: `expected(text, url)` is true for a console message it expects (Chromium logs every failed
 * or non-2xx fetch, with the resource's URL).
 */
export function watchProblems(page: Page, problems: string[], expected: (text: string, url: string) => boolean = () => false): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    if (expected(message.text(), message.location().url)) return;
    problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
  });
}

/**
 * Every request the page makes to `origin` (its path, in order), and how many are in flight, so a test
 * can wait until none is. The server-sent event stream stays open: it is listed, never in flight.
 */
export function recordRequests(page: Page, origin: string): { paths: string[]; inFlight: () => number } {
  const paths: string[] = [];
  // Request objects, not a count: one that began before the recording may end during it.
  const open = new Set<Request>();
  const ours = (url: string) => url.startsWith(`${origin}/`);
  const stream = (url: string) => url.endsWith('/simulator/changes');
  page.on('request', (request) => {
    if (!ours(request.url())) return;
    paths.push(request.url().slice(origin.length));
    if (!stream(request.url())) open.add(request);
  });
  const end = (request: Request) => open.delete(request);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  return { paths, inFlight: () => open.size };
}
