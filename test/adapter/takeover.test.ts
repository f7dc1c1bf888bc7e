import assert from 'node:assert/strict';
import { TAKEOVER_SUSPECT_MS, TakeoverWatch } from '../../src/core/takeover.js';

describe('TakeoverWatch: another process logged in as us, or an expired token', () => {
  const MIN = 60_000;
  // [what, max, window, [loginAgeMs, at][], expected verdict of the last]
  const cases: [string, number, number, [number, number][], { takeover: boolean; count: number; gaveUp: boolean }][] = [
    ['an old login ended: expiry or revocation, not a takeover', 3, 10 * MIN, [[2 * MIN, 0]], { takeover: false, count: 0, gaveUp: false }],
    ['a young login ended: a takeover', 3, 10 * MIN, [[500, 0]], { takeover: true, count: 1, gaveUp: false }],
    ['just under the suspect age counts', 3, 10 * MIN, [[TAKEOVER_SUSPECT_MS - 1, 0]], { takeover: true, count: 1, gaveUp: false }],
    ['the suspect age itself does not', 3, 10 * MIN, [[TAKEOVER_SUSPECT_MS, 0]], { takeover: false, count: 0, gaveUp: false }],
    ['the third within the window gives up', 3, 10 * MIN, [[100, 0], [100, MIN], [100, 2 * MIN]], { takeover: true, count: 3, gaveUp: true }],
    ['old ones leave the window', 3, 10 * MIN, [[100, 0], [100, MIN], [100, 10.5 * MIN]], { takeover: true, count: 2, gaveUp: false }],
    ['old logins in between do not count', 3, 10 * MIN, [[100, 0], [5 * MIN, MIN], [100, 2 * MIN]], { takeover: true, count: 2, gaveUp: false }],
    ['a limit of 1 gives up at once', 1, 10 * MIN, [[100, 0]], { takeover: true, count: 1, gaveUp: true }],
  ];
  for (const [what, max, windowMs, rejections, expected] of cases) {
    it(what, () => {
      const watch = new TakeoverWatch(max, windowMs);
      let verdict;
      for (const [age, at] of rejections) verdict = watch.rejected(age, at);
      assert.deepEqual(verdict, expected);
    });
  }
});
