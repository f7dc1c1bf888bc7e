/**
 * System lines (`source: system`, `by: info`). The ids are LiveEngage's documented
 * `systemMessageId`s; only the texts of 3 and 4 are documented, the others are the simulator's
 * wording of the documented meaning.
 */
export const SystemMessage = {
  /** Operator accepted the chat. [DOC text] */
  accepted: (agentNickname: string) => ({ id: 3, text: `You are now chatting with ${agentNickname}.` }),
  /** Routing the chat to an agent. [DOC text, two spaces included] */
  routing: () => ({
    id: 4,
    text: 'Thank you for choosing to chat with us.  An agent will be with you shortly.',
  }),
  /** Operator ended the chat. */
  agentEnded: (agentNickname: string) => ({ id: 5, text: `${agentNickname} has ended the chat.` }),
  /** Chat disconnected unexpectedly: the agent-side chat timeout, and a logout no agent can take over from. */
  disconnected: () => ({ id: 6, text: 'The chat was disconnected unexpectedly.' }),
  /** Chat transferred to an operator. */
  transferredToAgent: (agentNickname: string) => ({
    id: 13,
    text: `Please wait while I transfer the chat to ${agentNickname}.`,
  }),
  /** Chat transferred to another skill group. */
  transferredToSkill: (skillName: string) => ({
    id: 15,
    text: `Please wait while I transfer the chat to ${skillName}.`,
  }),
  /** Chat re-queued by the system (its agent logged out). */
  requeued: () => ({ id: 23, text: 'The chat was re-queued. An agent will be with you shortly.' }),
} as const;
