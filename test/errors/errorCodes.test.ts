import assert from 'node:assert/strict';
import { isLiveEngageError, LiveEngageAdapter, LiveEngageApiError, LiveEngageErrorCode, OutgoingActivityError, fromActivity, type LiveEngageError } from '../../src/index.js';
import { createHttpClient, ResponseFormatError } from '../../src/api/index.js';
import { readEvents } from '../../src/api/chatResponses.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { startScriptedServer } from '../support/apiServer.js';
import { fastSettings } from '../support/harness.js';

/** The rejection of `promise` (or the throw of `fn`), asserted to be one of ours with `code`. */
async function codeOf(action: Promise<unknown> | (() => unknown)): Promise<LiveEngageError> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    assert.ok(isLiveEngageError(error), `not a LiveEngage error: ${String(error)}`);
    return error;
  }
  return assert.fail('expected an error');
}

describe('errors: stable codes users can switch on', () => {
  let sim: LiveEngageSimulator;
  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('start() that cannot log in: START_FAILED, with the API error (kind, status) as cause', async () => {
    sim.blockUser('support-bot');
    const error = await codeOf(new LiveEngageAdapter(fastSettings(sim)).start(async () => {}));
    assert.equal(error.code, LiveEngageErrorCode.START_FAILED);
    assert.match(error.message, /^LiveEngageAdapter\.start\(\): .*blocked/i);
    assert.ok(error.cause instanceof LiveEngageApiError, String(error.cause));
    assert.equal(error.cause.kind, 'http');
    assert.equal(error.cause.status, 451);
  });

  it('start() twice: ALREADY_STARTED; a proactive message to a chat not held: CHAT_NOT_OPEN', async () => {
    const adapter = new LiveEngageAdapter(fastSettings(sim));
    await adapter.start(async () => {});
    try {
      assert.equal((await codeOf(adapter.start(async () => {}))).code, 'LIVEENGAGE_ALREADY_STARTED');
      const reference = { conversation: { id: 'no-such-chat', isGroup: false, conversationType: 'chat', name: '' } };
      assert.equal((await codeOf(adapter.continueConversation(reference, async () => {}))).code, LiveEngageErrorCode.CHAT_NOT_OPEN);
    } finally {
      await adapter.stop();
    }
  });

  it('a wrong setting: INVALID_ARGUMENT, still a TypeError; what Live Chat cannot do: UNSUPPORTED', async () => {
    const error = await codeOf(() => new LiveEngageAdapter({ accountId: '', credentials: { username: 'u', password: 'p' } }));
    assert.equal(error.code, LiveEngageErrorCode.INVALID_ARGUMENT);
    assert.ok(error instanceof TypeError);
    const adapter = new LiveEngageAdapter(fastSettings(sim));
    assert.equal((await codeOf(adapter.updateActivity())).code, LiveEngageErrorCode.UNSUPPORTED);
  });

  it('an activity that cannot become lines: OutgoingActivityError with INVALID_ACTIVITY', async () => {
    const error = await codeOf(() => fromActivity({ type: 'message', text: `<p>${'x'.repeat(50)}</p>`, textFormat: 'xml' }, { lineFormat: 'plain', maxLineLength: 10 }));
    assert.ok(error instanceof OutgoingActivityError);
    assert.equal(error.code, LiveEngageErrorCode.INVALID_ACTIVITY);
  });

  it('an answer the readers cannot read: a malformed LiveEngageApiError whose cause names the path', async () => {
    const server = await startScriptedServer(() => ({ status: 200, body: { events: { link: [], event: [{ '@type': 'line' }] } } }));
    const http = createHttpClient();
    try {
      const error = await http.call({ operation: 'getEvents', method: 'GET', url: `${server.origin}/e`, idempotent: true }, readEvents).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof LiveEngageApiError && error.kind === 'malformed', String(error));
      assert.ok(error.cause instanceof ResponseFormatError, String(error.cause));
      assert.equal(error.cause.path, "events.event[0]['@id']");
      assert.equal(error.with({ detail: 'x' }).cause, error.cause, 'with() keeps the cause');
    } finally {
      http.close();
      await server.close();
    }
  });

  it('isLiveEngageError: only our codes, optionally one of them', () => {
    assert.equal(isLiveEngageError(Object.assign(new Error('x'), { code: 'ECONNRESET' })), false);
    assert.equal(isLiveEngageError({ code: LiveEngageErrorCode.UNSUPPORTED }), false);
    const ours = Object.assign(new Error('x'), { code: LiveEngageErrorCode.UNSUPPORTED });
    assert.equal(isLiveEngageError(ours, LiveEngageErrorCode.UNSUPPORTED), true);
    assert.equal(isLiveEngageError(ours, LiveEngageErrorCode.NOT_RUNNING), false);
  });
});
