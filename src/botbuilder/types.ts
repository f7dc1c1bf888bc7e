import type { Activity } from 'botbuilder';
import type { ChatEvent } from '../api/types.js';
import { eventToActivity as coreEventToActivity, type ChatSnapshot } from '../core/toActivity.js';
import { createTransferActivity as coreCreateTransferActivity, type TransferActivity as CoreTransferActivity } from '../core/transfer.js';
import type { BotVariant as CoreBotVariant } from '../core/variants.js';
import type { BotLogic } from './LiveEngageAdapter.js';

/** The core's shapes in botbuilder's types, so the root entry's API reads as it always did. */

/** A bot behind the adapter when A/B testing: its name (a metric label), its logic, its share. */
export type BotVariant = CoreBotVariant<BotLogic>;

/** A `transfer` activity, as made by `createTransferActivity`. */
export type TransferActivity = CoreTransferActivity & Partial<Activity>;

/**
 * A `transfer` activity: `await context.sendActivity(createTransferActivity('human-support', 'asked for an agent'))`.
 * The chat moves to the skill's queue; the bot then receives a `handoff.status` event.
 */
export function createTransferActivity(skill: string | number, reason?: string): TransferActivity {
  return coreCreateTransferActivity(skill, reason);
}

/** One chat event as the bot sees it, or `undefined` when it is no turn (see the core's `eventToActivity`). */
export function eventToActivity(event: ChatEvent, chat: ChatSnapshot): Partial<Activity> | undefined {
  return coreEventToActivity(event, chat) as Partial<Activity> | undefined;
}
