import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { ChannelAccount, CoreActivity, CoreConversationReference } from '../core/protocol.js';
import { createTransferActivity as coreCreateTransferActivity, HANDOFF_INITIATE } from '../core/transfer.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/**
 * The one place where the core's plain activities and the Agents SDK's `Activity` meet. `Activity`
 * keeps `channelId` in a getter (a spread loses it) and validates with zod: empty strings (a visitor
 * without a name) are refused, so they are left out.
 */
export function toAgentsActivity(activity: CoreActivity): Activity {
  const { conversation, from, recipient, membersAdded, ...rest } = activity;
  return Activity.fromObject({
    ...rest,
    ...(conversation ? { conversation: withoutEmptyName(conversation) } : {}),
    ...(from ? { from: withoutEmptyName(from) } : {}),
    ...(recipient ? { recipient: withoutEmptyName(recipient) } : {}),
    ...(membersAdded ? { membersAdded: membersAdded.map(withoutEmptyName) } : {}),
  });
}

/** An Agents SDK activity as a plain object for the core (`channelId` copied out of its getter). */
export function toCoreActivity(activity: Activity | Partial<Activity>): CoreActivity {
  const { _channelId: _hidden, ...fields } = activity as Activity & { _channelId?: unknown };
  return { ...(fields as CoreActivity), ...(activity.channelId ? { channelId: activity.channelId } : {}) };
}

/** The Agents SDK's reference (the bot is `agent`) as the core's (botbuilder's `bot`). */
export function toCoreReference(reference: Partial<ConversationReference>): CoreConversationReference {
  const { agent, conversation, user, channelId, serviceUrl, locale } = reference;
  const core: CoreConversationReference = {};
  if (channelId) core.channelId = channelId;
  if (serviceUrl) core.serviceUrl = serviceUrl;
  if (conversation) core.conversation = conversation as CoreConversationReference['conversation'];
  if (user) core.user = user as ChannelAccount;
  if (agent) core.bot = agent as ChannelAccount;
  if (locale) core.locale = locale;
  return core;
}

function withoutEmptyName<T extends { name?: string }>(account: T): T {
  if (account.name) return account;
  const { name: _empty, ...rest } = account;
  return rest as T;
}

/**
 * A `transfer` activity: `await context.sendActivity(createTransferActivity('human-support', 'asked for an agent'))`.
 * The chat moves to the skill's queue; the bot then receives a `handoff.status` event.
 */
export function createTransferActivity(skill: string | number, reason?: string): Activity {
  return Activity.fromObject(coreCreateTransferActivity(skill, reason));
}

/** What a `handoff.initiate` event asks for: the skill (or agent) and why. */
export interface HandoffContext {
  skill?: string | number;
  agentId?: string | number;
  reason?: string;
}

/**
 * The `handoff.initiate` event (botbuilder's `EventFactory.createHandoffInitiation`, which the Agents
 * SDK does not have): `await context.sendActivity(createHandoffInitiation(context, { skill: 'human-support', reason }))`.
 */
export function createHandoffInitiation(context: TurnContext, handoffContext: HandoffContext): Activity {
  if (!context) throw codedError(TypeError, 'createHandoffInitiation(): context is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
  if (!handoffContext || (handoffContext.skill === undefined && handoffContext.agentId === undefined)) {
    throw codedError(TypeError, 'createHandoffInitiation(): handoffContext needs a skill or an agentId.', LiveEngageErrorCode.INVALID_ARGUMENT);
  }
  const reference = context.activity.getConversationReference();
  return Activity.fromObject({ type: 'event', name: HANDOFF_INITIATE, value: { ...handoffContext } }).applyConversationReference(reference, false);
}
