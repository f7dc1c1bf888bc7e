import { messages } from './messages.js';

/** One way of running the support bot, for an A/B test across bots. */
export interface SupportBotVariant {
  /** The variant's name: `activity.channelData.variant`, and the `variant` label of every metric. */
  name: string;
  /** Its share of new chats. */
  weight: number;
  /** How it greets the visitor. */
  welcome: (name: string | undefined) => string;
}

/**
 * The A/B test the sample runs on LiveEngage (`AB_TEST=off` runs A alone): the same bot with two
 * welcomes, 50/50. Which one resolves more chats, transfers fewer and gets the better CSAT shows on
 * `/metrics` and on the simulator page's "Bot performance" panel.
 */
export const SUPPORT_BOT_VARIANTS: readonly [SupportBotVariant, SupportBotVariant] = [
  { name: 'A', weight: 50, welcome: messages.welcome },
  { name: 'B', weight: 50, welcome: messages.welcomeMenu },
];
