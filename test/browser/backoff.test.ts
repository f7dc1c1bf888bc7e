import assert from 'node:assert/strict';
// The page's own module: it uses no DOM and imports nothing, so Node runs it as the bundle does.
import { retryDelay } from '../../src/simulator/page/browser/backoff.js';

describe('simulator page: the backoff while the simulator does not answer', () => {
  it('retryDelay: 1 s, doubling, at most 30 s; nonsense counts as the first retry', () => {
    const cases: [unknown, number][] = [
      [0, 1000], [1, 2000], [2, 4000], [3, 8000], [4, 16000], [5, 30000], [6, 30000], [50, 30000], [1e9, 30000],
      [-1, 1000], [1.5, 1000], [Number.NaN, 1000], [undefined, 1000], ['3', 1000],
    ];
    for (const [retries, ms] of cases) assert.equal(retryDelay(retries), ms, `retryDelay(${String(retries)})`);
  });
});
