/** What pacing adds before a message: a typing indicator, then a pause (`delay`, in ms). */
export type PaceActivity = { type: 'typing' } | { type: 'delay'; value: number };

/**
 * "Typing…" for a moment before each message with text, the way a person would: the batch a bot is
 * sending gets a `typing` and a `delay` activity before each such message (both LiveEngage adapters and
 * botbuilder's CloudAdapter carry the delay out), then goes; the callers get one response per activity
 * they sent, as they expect. `make` turns the added ones into the framework's activities (addressed
 * like the rest). Framework-neutral: both samples' typing middleware call it from `onSendActivities`.
 */
export async function sendPaced<A extends { type?: string; text?: string }, R>(activities: A[], send: () => Promise<R[]>, delayMs: number, make: (activity: PaceActivity) => A): Promise<R[]> {
  const paced: A[] = [];
  const added = new Set<number>();
  for (const activity of activities) {
    if (activity.type === 'message' && activity.text) {
      added.add(paced.push(make({ type: 'typing' })) - 1);
      added.add(paced.push(make({ type: 'delay', value: delayMs })) - 1);
    }
    paced.push(activity);
  }
  if (added.size === 0) return send();
  activities.splice(0, activities.length, ...paced);
  const responses = await send();
  return responses.filter((_, i) => !added.has(i));
}
