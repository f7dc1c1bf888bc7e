import { EscalationMiddleware } from '../../src/index.js';
import { messages } from './messages.js';
import { supportRecognizer } from './recognizer.js';

/** "Manage escalations" from LivePerson's guide: "agent", "human", "representative", or the Escalate intent. */
export function supportEscalation(humanSkill: string): EscalationMiddleware {
  return new EscalationMiddleware({
    skill: humanSkill,
    recognizer: supportRecognizer,
    intents: ['Escalate'],
    minScore: 0.6,
    message: messages.escalating,
  });
}
