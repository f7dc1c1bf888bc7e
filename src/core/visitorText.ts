import { convert } from 'html-to-text';
import type { LineEvent } from '../api/types.js';

// A tag (`<b>`, `</p>`, `<br/>`, `<!-- -->`) or a character reference (`&amp;`, `&#39;`, `&#x27;`).
const MARKUP = /<\/?[a-z!][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]+);/i;

const HTML_TO_TEXT = {
  wordwrap: false as const,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'] as [string, string] } },
    { selector: 'img', format: 'skip' },
    { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable' },
  ],
};

/**
 * What the bot reads of a visitor's line: plain text, HTML stripped, entities decoded. `html` lines are
 * always converted; `plain` lines only when they carry markup (so "I <3 it" stays as typed).
 */
export function visitorText(line: Pick<LineEvent, 'text' | 'textType'>): string {
  const text = line.text ?? '';
  if (line.textType !== 'html' && !MARKUP.test(text)) return text;
  // &nbsp; decodes to U+00A0, which recognizers and regexes do not take for a space.
  return convert(text, HTML_TO_TEXT).replace(/\u00a0/g, ' ').trim();
}
