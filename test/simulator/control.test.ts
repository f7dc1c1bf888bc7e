import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LiveEngageSimulator, type SimulatorChange } from '../../src/simulator/index.js';
import { call, TestAgent, type Json, type WireResponse } from '../support/simulatorClient.js';

/** The control API over HTTP, the way a browser page or another process drives the simulator. */
describe('simulator: HTTP control API', () => {
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });

  afterEach(() => sim.stop());

  const control = (path: string, init: { method?: string; body?: unknown; raw?: string } = {}): Promise<WireResponse> =>
    call(`${sim.url}/simulator${path}`, init);

  it('plays a visitor and a human agent through a whole chat', async () => {
    const started = await control('/chats', { body: { skill: 'human-support', visitorName: 'Grace' } });
    assert.equal(started.status, 201);
    const { chatId } = started.json;
    assert.equal(typeof chatId, 'string');

    const queues = await control('/queues');
    assert.deepEqual(
      queues.json.find((q: Json) => q.skill.name === 'human-support').waiting.map((w: Json) => [w.chatId, w.visitorName]),
      [[chatId, 'Grace']],
    );
    assert.deepEqual((await control(`/chats/${chatId}/lines`, { body: { text: 'anyone?' } })).json, { eventId: 2 });
    assert.equal((await control(`/chats/${chatId}/typing`, { body: { typing: true } })).status, 200);
    assert.deepEqual((await control(`/chats/${chatId}/take`, { body: {} })).json, { agentId: '2001' });
    assert.equal((await control(`/chats/${chatId}/agent-lines`, { body: { text: 'Alice here' } })).status, 201);
    assert.equal((await control(`/chats/${chatId}/agent-end`, { method: 'POST' })).status, 200);

    const view = (await control(`/chats/${chatId}`)).json;
    assert.equal(view.state, 'ended');
    assert.deepEqual(view.agent, { id: '2001', nickname: 'Alice', kind: 'human' });
    assert.deepEqual(
      view.events.map((e: Json) => [e.id, e.type, e.source ?? e.state, e.text ?? null]),
      [
        [0, 'state', 'waiting', null],
        [1, 'line', 'system', 'Thank you for choosing to chat with us.  An agent will be with you shortly.'],
        [2, 'line', 'visitor', 'anyone?'],
        [3, 'state', 'chatting', null],
        [4, 'line', 'system', 'You are now chatting with Alice.'],
        [5, 'line', 'agent', 'Alice here'],
        [6, 'line', 'system', 'Alice has ended the chat.'],
        [7, 'state', 'ended', null],
      ],
    );
    assert.equal(view.events[1].systemMessageId, 4);
    const list = (await control('/chats')).json;
    assert.deepEqual(list.map((c: Json) => [c.id, c.state, c.eventCount, 'events' in c]), [[chatId, 'ended', 8, false]]);
  });

  it('ends a chat as the visitor', async () => {
    const { chatId } = (await control('/chats', { body: { skill: 'support-bot' } })).json;
    const ended = await control(`/chats/${chatId}/end`, { method: 'POST' });
    assert.equal(ended.status, 200);
    assert.equal(sim.chat(chatId).state, 'ended');
  });

  it('lists agents and sets a human online', async () => {
    await TestAgent.start(sim);
    const agents = (await control('/agents')).json;
    assert.deepEqual(
      agents.map((a: Json) => [a.id, a.kind, a.loggedIn, a.availability, a.skills.map((s: Json) => s.name).join('+')]),
      [
        ['1001', 'bot', true, 'Online', 'support-bot'],
        ['1002', 'bot', false, 'Offline', 'support-bot'],
        ['2001', 'human', true, 'Online', 'human-support'],
        ['2002', 'human', false, 'Offline', 'human-support+sales'],
      ],
    );
    assert.equal((await control('/agents/2002/status', { body: { online: true } })).status, 200);
    assert.equal(sim.agents().find((a) => a.id === '2002')?.availability, 'Online');
  });

  it('injects and clears faults, revokes bearers, blocks users, reports stats', async () => {
    const agent = await TestAgent.start(sim);
    const fault = await control('/faults', { body: { match: { operation: 'getAgentInfo', pathRegex: 'info$' }, status: 503, times: 2 } });
    assert.equal(fault.status, 201);
    assert.match(fault.json.id, /^fault-/);
    const listed = (await control('/faults')).json;
    assert.equal(listed[0].remaining, 2);
    assert.equal((await agent.request('/info')).status, 503);
    assert.equal((await control('/faults', { method: 'DELETE' })).status, 200);
    assert.equal((await agent.request('/info')).status, 200);

    assert.deepEqual((await control('/bearers/revoke', { body: { loginName: 'support-bot' } })).json, { revoked: 1 });
    assert.equal((await agent.request('/info')).status, 401);

    assert.equal((await control('/users/support-bot/block', { body: { blocked: true } })).status, 200);
    const blocked = await call(`${sim.url}/api/account/${sim.accountId}/login`, { body: { username: 'support-bot', password: 'bot-password' } });
    assert.equal(blocked.status, 451);
    await control('/users/support-bot/block', { body: { blocked: false } });

    const stats = (await control('/stats')).json;
    assert.equal(stats.byOperation.getAgentInfo, 3);
    assert.equal(stats.faultsFired, 1);
    assert.ok(stats.control >= 6);
    assert.equal((await control('/stats', { method: 'DELETE' })).status, 200);
  });

  it('answers errors as { error } with 404 or 400', async () => {
    const missing = await control('/chats/nope');
    assert.equal(missing.status, 404);
    assert.equal(typeof missing.json.error, 'string');
    assert.equal((await control('/chats', { body: { skill: 'nope' } })).status, 404);
    assert.equal((await control('/chats', { body: {} })).status, 400);
    assert.equal((await control('/chats', { raw: '{nope' })).status, 400);
    assert.equal((await control('/agents/1001/status', { body: { online: 'yes' } })).status, 400);
    assert.equal((await control('/faults', { body: { status: 1 } })).status, 400);
    assert.equal((await control('/faults', { body: { status: 500, match: { pathRegex: '(' } } })).status, 400);
    const { chatId } = (await control('/chats', { body: { skill: 'sales' } })).json;
    assert.equal((await control(`/chats/${chatId}/take`, { method: 'POST' })).status, 400, 'Bob is offline');
    assert.equal((await control('/bearers/revoke', { body: {} })).status, 400);
  });

  it('emits change events in JS and streams them as server-sent events', async () => {
    const changes: SimulatorChange[] = [];
    sim.on('change', (change) => changes.push(change));
    const stream = await fetch(`${sim.url}/simulator/changes`);
    assert.equal(stream.headers.get('content-type'), 'text/event-stream');
    const reader = stream.body!.getReader();
    const { chatId } = sim.startChat({ skill: 'sales' });
    let received = '';
    while (!received.includes('"eventId":1')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    await reader.cancel();
    assert.match(received, new RegExp(`event: change\\ndata: \\{"kind":"chat","chatId":"${chatId}","state":"waiting","eventId":0\\}`));
    assert.deepEqual(changes.slice(0, 2), [
      { kind: 'chat', chatId, state: 'waiting', eventId: 0 },
      { kind: 'chat', chatId, state: 'waiting', eventId: 1 },
    ]);
  });

  it('survives a change listener that throws', async () => {
    sim.on('change', () => {
      throw new Error('listener bug');
    });
    const { chatId } = sim.startChat({ skill: 'sales' });
    assert.deepEqual(sim.chat(chatId).events.map((e) => e.id), [0, 1]);
    assert.equal((await control(`/chats/${chatId}/lines`, { body: { text: 'still fine' } })).status, 201);
  });

  it('says loudly when it listens beyond loopback', async () => {
    const warn = sinon.stub(console, 'warn');
    const open = new LiveEngageSimulator({ log: false, host: '0.0.0.0' });
    try {
      await open.start();
      assert.equal(warn.callCount, 1);
      assert.match(String(warn.firstCall.args[0]), /0\.0\.0\.0:\d+, not loopback/);
      assert.match(open.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await call(`${open.url}/simulator/agents`)).status, 200);
    } finally {
      warn.restore();
      await open.stop();
    }
  });

  it('waitFor resolves on the change that makes its check true', async () => {
    const { chatId } = sim.startChat({ skill: 'sales' });
    const said = sim.waitFor(() => sim.chat(chatId).events.find((e) => e.text === 'later'));
    setTimeout(() => sim.visitorSays(chatId, 'later'), 10);
    assert.equal((await said).source, 'visitor');
    await assert.rejects(sim.waitFor(() => false, 20), /timed out/);
  });
});
