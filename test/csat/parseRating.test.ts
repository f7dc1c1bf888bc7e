import assert from 'node:assert/strict';
import { isCsatDecline, parseCsatRating } from '../../src/csat/index.js';

describe('parseCsatRating: a 1-5 rating typed into Live Chat', () => {
  const rated: [string, number][] = [
    ['4', 4], [' 5 ', 5], ['1', 1], ['4.', 4], ['4!', 4], ['4/5', 4], ['4 / 5', 4], ['3 out of 5', 3], ['2 of five', 2],
    ["I'd give it a 4", 4], ['4 stars', 4], ['5 (great)', 5], ['1 - poor', 1], ['５', 5],
    ['four', 4], ['Five!', 5], ['one', 1], ['three out of five', 3],
    ['⭐⭐⭐⭐', 4], ['★★', 2], ['⭐️⭐️⭐️', 3],
    ['great', 5], ['Excellent, thanks', 5], ['good', 4], ['ok', 3], ['meh', 3], ['bad', 2], ['poor', 1], ['terrible!!', 1],
  ];
  for (const [text, rating] of rated) it(`${JSON.stringify(text)} -> ${rating}`, () => assert.equal(parseCsatRating(text), rating));

  const unrated: (string | undefined | null)[] = [
    undefined, null, '', '   ', '0', '6', '10', '10/10', '4.5', '3 or 4', 'between 3 and 4', 'three or four',
    'not bad', 'not great', "wasn't good", 'good but bad', 'hmm', 'what?', '⭐⭐⭐⭐⭐⭐', 'v2', 'order 2024',
  ];
  for (const text of unrated) it(`${JSON.stringify(text)} -> no rating`, () => assert.equal(parseCsatRating(text), undefined));
});

describe('isCsatDecline', () => {
  for (const text of ['no', 'No.', 'no thanks', 'No thank you!', 'skip', 'nope', 'not now', "I'd rather not"]) {
    it(`${JSON.stringify(text)} declines`, () => assert.equal(isCsatDecline(text), true));
  }
  for (const text of ['4', 'no, it was bad', 'now', 'know', '', undefined]) {
    it(`${JSON.stringify(text)} does not`, () => assert.equal(isCsatDecline(text), false));
  }
});
