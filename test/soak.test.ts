import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SoakFigures } from '../soak/soak.js';

const run = promisify(execFile);

describe('soak (short): faults, revoked bearers and a killed bot process', function () {
  this.timeout(90_000);
  it('answers every visitor line exactly once and delivers every bot line exactly once', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--no-deprecation', 'soak/soak.ts', '--json', '--seconds', '15', '--chats', '30'], { cwd: new URL('..', import.meta.url) });
    const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as SoakFigures;
    assert.ok(figures.visitorLinesSent > 50, `only ${figures.visitorLinesSent} lines`);
    assert.ok(figures.faultsInjected > 0 && figures.bearersRevoked > 0 && figures.botRestarts === 1);
    assert.equal(figures.visitorLinesSeen, figures.visitorLinesSent);
    assert.equal(figures.visitorLinesDuplicated, 0);
    assert.equal(figures.botLinesDelivered, figures.botLinesSent);
    assert.equal(figures.botLinesDuplicated, 0);
    assert.equal(figures.chatsUnanswered, 0);
    assert.equal(figures.unhandledErrors, 0);
  });
});
