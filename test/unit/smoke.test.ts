import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

describe('fixtures', () => {
  it('hold the documented examples', () => {
    assert.ok(readdirSync(new URL('../fixtures/', import.meta.url)).length > 30);
  });
});
