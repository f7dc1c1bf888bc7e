/** "Take as [Alice]": a simulated human takes a waiting chat, from the queue or from the chat's detail. */
import type { AgentView } from '../../types.js';
import { controlError } from './api.js';
import { h, toast } from './dom.js';
import type { Store } from './store.js';

export function humansFor(store: Store, skillId: number): AgentView[] {
  return store.state.agents.filter((a) => a.kind === 'human' && a.skills.some((s) => s.id === skillId));
}

const full = (a: AgentView): boolean => a.openChats >= a.maxChats && a.maxChats > 0;

/**
 * The control for a waiting chat on a skill humans have (null when only bots serve it); onTaken runs
 * once the take succeeded. `where` keeps the ids of the queue's and the detail's controls apart.
 */
export function takeControl(store: Store, chatId: string, skillId: number, where: string, onTaken: () => void): HTMLElement | null {
  const humans = humansFor(store, skillId);
  if (!humans.length) return null;
  const selectId = `${where}-take-${chatId}`;
  const select = h(
    'select',
    { attrs: { id: selectId, 'data-keep-value': selectId, 'data-focus-key': selectId } },
    humans.map((a) => {
      const off = a.availability === 'Offline';
      return h('option', { text: a.nickname + (off ? ' (offline)' : full(a) ? ' (no free slot)' : ''), attrs: { value: a.id, disabled: off || full(a) } });
    }),
  );
  const firstFree = humans.find((a) => a.availability !== 'Offline' && !full(a));
  if (firstFree) select.value = firstFree.id;
  const take = (): void => {
    store.act
      .humanTakes(chatId, select.value)
      .then(() => {
        onTaken();
        store.select(chatId);
      })
      .catch((error: unknown) => toast(`Could not take the chat: ${controlError(error).message}`));
  };
  const button = h('button', {
    class: 'btn btn-primary btn-small',
    text: 'Take',
    attrs: { type: 'button', 'data-focus-key': `${selectId}-btn`, disabled: !firstFree },
    on: { click: take },
  });
  return h('div', { class: 'take' }, h('label', { class: 'take-label', text: 'Take as', attrs: { for: selectId } }), select, button);
}
