import type { OneOrMany } from '../../api/liveEngageJson.js';

/** The small rules of LiveEngage's XML-rendered JSON. */

/** ISO-8601 with a numeric offset, as in the docs' examples (`2018-01-29T08:19:43.963-05:00`). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The error envelope's Java-style time (`Sep 22, 2016 4:10:15 PM`), in UTC. */
export function envelopeTime(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/**
 * One repeated element renders as an object, several as an array, none as nothing: the XML rendering
 * rule, kept where LiveEngage's examples or the sample app show the object (`event`, `skills.skill`,
 * `skillsInfo.skillInfo`, `transfer.skill`, `link`).
 */
export function collapse<T>(items: readonly T[]): OneOrMany<T> | undefined {
  if (items.length === 0) return undefined;
  if (items.length === 1) return items[0] as T;
  return [...items];
}

/**
 * A repeated element that renders as an array even with one item, none as nothing: where LiveEngage's
 * documented examples print a one-item array (`chatSessions.chatSession`, the multi-chat read's
 * `chats.chat`, `availableAgents.agents.agent`) and clients index it as one.
 */
export function list<T>(items: readonly T[]): T[] | undefined {
  return items.length === 0 ? undefined : [...items];
}
