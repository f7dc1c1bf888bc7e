import { existsSync } from 'node:fs';

/** Debian's `chromium` package; CI (`.ci/run`) installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** As root, offline: no sandbox, and none of Chromium's own background connections (refused here). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails with what to do when Chromium is missing (a browser test never passes by skipping). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}, and the browser test needs it. ` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium (CI does this in .ci/run), ' +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    );
  }
}
