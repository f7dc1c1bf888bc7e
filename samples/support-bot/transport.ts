import { StartupError } from './startup.js';

/** What the sample's LiveEngage side speaks: Live Chat (the Chat Agent API) or Messaging (the UMS websocket). */
export type SampleTransport = 'chat' | 'messaging';

const TRANSPORTS: readonly SampleTransport[] = ['chat', 'messaging'];

/** `LP_TRANSPORT`: `chat` (the default, also when empty) or `messaging`, any case. */
export function parseTransport(value: string | undefined): SampleTransport {
  const word = value?.trim().toLowerCase();
  if (!word) return 'chat';
  if ((TRANSPORTS as readonly string[]).includes(word)) return word as SampleTransport;
  throw new StartupError(`LP_TRANSPORT must be ${TRANSPORTS.join(' or ')}, not "${value?.trim()}".`);
}

/**
 * `LP_MESSAGING_SKILLS`: skill names to their ids, `human-support=2,sales=3` (Messaging transfers take a
 * skill id; the adapter's `messagingSkills`). Undefined when empty; a clear error for a malformed entry.
 */
export function parseMessagingSkills(value: string | undefined): Record<string, number> | undefined {
  if (!value?.trim()) return undefined;
  const skills: Record<string, number> = {};
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (!entry) throw new StartupError(`LP_MESSAGING_SKILLS has an empty entry: write name=id pairs separated by commas, e.g. human-support=2,sales=3.`);
    const eq = entry.indexOf('=');
    const name = eq < 0 ? '' : entry.slice(0, eq).trim();
    const id = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (!name || !id) throw new StartupError(`LP_MESSAGING_SKILLS entry "${entry}" must be name=id, e.g. human-support=2.`);
    if (!/^\d+$/.test(id) || Number(id) < 1) throw new StartupError(`LP_MESSAGING_SKILLS entry "${entry}": the skill id must be a positive whole number.`);
    if (Object.hasOwn(skills, name)) throw new StartupError(`LP_MESSAGING_SKILLS names skill "${name}" twice.`);
    skills[name] = Number(id);
  }
  return skills;
}
