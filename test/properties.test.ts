/**
 * Property-based tests (fast-check): no input makes the response readers or either mapping throw
 * anything but their typed errors.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import type { Activity } from 'botbuilder';
import * as agentSessionResponses from '../src/api/agentSessionResponses.js';
import * as chatResponses from '../src/api/chatResponses.js';
import * as loginResponses from '../src/api/loginResponses.js';
import { ResponseFormatError } from '../src/api/responseReader.js';
import type { ChatEvent, ChatInfo } from '../src/api/types.js';
import { fromActivity, OutgoingActivityError } from '../src/core/fromActivity.js';
import { eventToActivity, type ChatSnapshot } from '../src/core/toActivity.js';

const RUNS = 300;
const fixtures = new URL('./fixtures/', import.meta.url);
const documented = readdirSync(fixtures).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(new URL(f, fixtures), 'utf8')) as unknown);

const readers = [agentSessionResponses, chatResponses, loginResponses].flatMap((m) => Object.entries(m)).filter(([name, fn]) => name.startsWith('read') && typeof fn === 'function') as [string, (json: unknown) => unknown][];

/** Any JSON, plus the documented examples bent: keys dropped, values swapped for arbitrary JSON. */
const anyJson = fc.jsonValue({ maxDepth: 5 });
function mutate(value: unknown, replacement: unknown, pick: number): unknown {
  if (Array.isArray(value)) return value.length ? value.map((v, i) => (i === pick % value.length ? mutate(v, replacement, pick >> 1) : v)) : replacement;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return replacement;
    const i = pick % entries.length;
    return Object.fromEntries(entries.flatMap(([k, v], j) => (j !== i ? [[k, v]] : pick % 3 === 0 ? [] : [[k, mutate(v, replacement, pick >> 2)]])));
  }
  return replacement;
}
const bentExample = fc.tuple(fc.constantFrom(...documented), anyJson, fc.nat()).map(([doc, replacement, pick]) => mutate(doc, replacement, pick));

describe('properties (fast-check)', () => {
  it(`every response reader either reads or throws ResponseFormatError, for any JSON and bent examples (${readers.length} readers)`, () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, bentExample), (json) => {
        for (const [name, read] of readers) {
          try {
            read(json);
          } catch (error) {
            if (!(error instanceof ResponseFormatError)) throw new Error(`${name} threw ${String(error)}`, { cause: error });
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  const info: ChatInfo = { state: 'chatting', chatSessionKey: 'H1-aK1', visitorName: 'Ann', links: {}, raw: {} };
  const chat: ChatSnapshot = { chatId: 'H1-aK1', info, bot: { id: '1', name: 'Bot' }, serviceUrl: 'http://127.0.0.1:1/api/account/1' };
  const chatEvent: fc.Arbitrary<ChatEvent> = fc.oneof(
    fc.record({
      type: fc.constant('line' as const), id: fc.nat(), time: fc.string(), text: fc.oneof(fc.string(), fc.constantFrom('<p>a&amp;b</p>', '<script>x</script>', '&#xZZ;', '<a href="javascript:1">x</a>', '<<<>>>', '&nbsp;'.repeat(50))),
      textType: fc.constantFrom('plain' as const, 'html' as const, 'rich-content' as const), source: fc.constantFrom('visitor' as const, 'agent' as const, 'system' as const),
      subType: fc.constantFrom('REGULAR' as const, 'ONLY_TO_REP' as const), systemMessageId: fc.option(fc.nat(), { nil: undefined }),
    }),
    fc.record({ type: fc.constant('state' as const), id: fc.nat(), time: fc.string(), state: fc.constantFrom('waiting' as const, 'chatting' as const, 'ended' as const) }),
    fc.record({ type: fc.constant('other' as const), id: fc.nat(), time: fc.string(), rawType: fc.string(), raw: fc.dictionary(fc.string(), fc.jsonValue()) }),
  );

  it('eventToActivity never throws, and a visitor line always becomes a plain-text message', () => {
    fc.assert(
      fc.property(chatEvent, (event) => {
        const activity = eventToActivity(event, chat);
        if (event.type === 'line' && event.source === 'visitor') {
          assert.equal(activity?.type, 'message');
          assert.equal(typeof activity?.text, 'string');
          assert.ok(!/<script/i.test(activity!.text!), 'no markup survives');
        }
      }),
      { numRuns: RUNS },
    );
  });

  const cardAction = fc.record({ type: fc.constantFrom('imBack', 'openUrl', 'postBack', 'messageBack', 'call', 'weird'), title: fc.option(fc.string(), { nil: undefined }), value: fc.jsonValue() }, { requiredKeys: ['type'] });
  const activity: fc.Arbitrary<Partial<Activity>> = fc.record(
    {
      type: fc.constantFrom('message', 'typing', 'delay', 'event', 'endOfConversation', 'trace', 'transfer', 'handoff', 'invoke', 'x'),
      text: fc.string({ maxLength: 3000 }),
      textFormat: fc.constantFrom('plain', 'markdown', 'xml'),
      name: fc.constantFrom('handoff.initiate', 'other'),
      value: fc.jsonValue(),
      channelData: fc.oneof(fc.jsonValue(), fc.record({ action: fc.record({ name: fc.constantFrom('TRANSFER', 'CLOSE_CONVERSATION', 'X'), parameters: fc.jsonValue() }), messageAudience: fc.constantFrom('AGENTS_AND_MANAGERS', 'ALL'), structuredContent: fc.jsonValue() }, { requiredKeys: [] })),
      suggestedActions: fc.record({ actions: fc.array(cardAction, { maxLength: 5 }), to: fc.constant([]) }),
      attachments: fc.array(fc.record({ contentType: fc.constantFrom('application/vnd.microsoft.card.hero', 'application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.card.thumbnail', 'image/png'), content: fc.jsonValue(), contentUrl: fc.option(fc.webUrl(), { nil: undefined }) }, { requiredKeys: ['contentType'] }), { maxLength: 3 }),
    },
    { requiredKeys: ['type'] },
  ) as fc.Arbitrary<Partial<Activity>>;

  it('fromActivity never throws but OutgoingActivityError, and every line it makes fits maxLineLength', () => {
    fc.assert(
      fc.property(activity, fc.constantFrom('plain' as const, 'html' as const), fc.integer({ min: 200, max: 2000 }), (a, lineFormat, maxLineLength) => {
        let actions;
        try {
          actions = fromActivity(a, { lineFormat, maxLineLength });
        } catch (error) {
          if (error instanceof OutgoingActivityError) return;
          throw error;
        }
        for (const action of actions) {
          if (action.kind === 'line' && action.line.textType !== 'rich-content') assert.ok(action.line.text.length <= maxLineLength, `line of ${action.line.text.length} > ${maxLineLength}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
