/** LivePerson's "Step 4 - Test your bot" as a checklist that ticks itself as the world shows each point. */
import { $, h, replaceChildren } from './dom.js';
import type { PageState, Store } from './store.js';

const ITEMS: readonly { id: string; text: string; done: (s: PageState) => boolean }[] = [
  {
    id: 'start',
    text: 'The bot picks up a chat on its skill',
    done: (s) => s.chats.some((c) => s.seenWithBot.has(c.id) && /bot/i.test(c.skill.name)) || s.chats.some((c) => c.agent && c.agent.kind === 'bot'),
  },
  { id: 'monitor', text: 'Monitor the bot chat live', done: (s) => s.monitoredBotChat },
  {
    id: 'routing',
    text: 'Skill routing is right',
    done: (s) => s.chats.some((c) => c.agent && s.agents.some((a) => a.id === c.agent?.id && a.skills.some((k) => k.id === c.skill.id))),
  },
  { id: 'agents', text: 'The bot is in the agent list', done: (s) => s.agents.some((a) => a.kind === 'bot' && a.loggedIn && a.availability !== 'Offline') },
  { id: 'escalation', text: 'Escalation to a human agent', done: (s) => s.chats.some((c) => c.agent && c.agent.kind === 'human' && s.seenWithBot.has(c.id)) },
];

export function mountChecklist(store: Store): void {
  const list = $('checklist');
  let key = '';
  /** Once shown, a point stays done (the chat that proved it may have moved on). */
  const proven = new Set<string>();
  store.subscribe((state) => {
    for (const item of ITEMS) if (state.loaded && item.done(state)) proven.add(item.id);
    const done = ITEMS.map((item) => proven.has(item.id));
    const next = JSON.stringify(done);
    if (next === key) return;
    key = next;
    replaceChildren(
      list,
      ITEMS.map((item, i) =>
        h(
          'li',
          { class: done[i] ? 'check done' : 'check', attrs: { 'data-check': item.id } },
          h('span', { class: 'check-mark', attrs: { 'aria-hidden': 'true' }, text: done[i] ? '✓' : String(i + 1) }),
          h('span', { text: item.text }),
          h('span', { class: 'visually-hidden', text: done[i] ? ' (done)' : ' (to do)' }),
        ),
      ),
    );
  });
}
