/**
 * What the CSAT code reads of a turn, as a structural type so it serves both frameworks: botbuilder's
 * `TurnContext` and the Agents SDK's `TurnContext` are both one, and this file imports neither.
 */
export interface CsatTurn {
  readonly activity: { readonly conversation?: { readonly id?: string }; readonly channelData?: unknown };
  /** The adapter serving the turn; the LiveEngage one names the bot user (`settings.credentials.username`). */
  readonly adapter?: unknown;
}

/** A CSAT rating: 1 (poor) to 5 (great). */
export type CsatRating = 1 | 2 | 3 | 4 | 5;

/** The chat a CSAT answer belongs to, as far as the turn knows it. */
export interface CsatChat {
  /** The chat session key (`activity.conversation.id`). */
  chatId: string;
  /** The bot user's login name; recorders that observed the adapter fill it in from the chat when missing. */
  botUser?: string;
  /** The A/B variant (`activity.channelData.variant`). */
  variant?: string;
  /** The skill the chat came in on (`activity.channelData.chatInfo.skillName`). */
  skill?: string;
}

/**
 * One CSAT question's outcome: a rating, or none (the visitor declined or gave no usable answer after
 * the reprompts).
 */
export type CsatResponse = CsatChat &
  (
    | { rating: CsatRating; /** What the visitor typed. */ text: string }
    | { rating?: undefined; /** Why there is no rating. */ skipped: 'declined' | 'unrecognized' }
  );

/**
 * Where the CSAT dialog reports answers. `LiveEngageMetrics` and `LiveEngageTelemetry` implement it;
 * so can anything of yours. Recording must not throw (errors are caught and logged by the dialog).
 */
export interface CsatRecorder {
  recordCsat(response: CsatResponse): void | Promise<void>;
}

/**
 * Submits the chat's outcome to the account's agent survey (the Chat Agent API survey resource). The
 * adapter side fulfils it, e.g. `(context, rating) => adapter.submitAgentSurvey(context.activity.conversation.id, answers)`.
 * It runs before the chat ends; a failure is logged and the CSAT question goes on. `T` is the turn's
 * type (botbuilder's or the Agents SDK's `TurnContext`); `submitCsatToAgentSurvey` serves any.
 */
export type SubmitAgentSurvey<T extends CsatTurn = CsatTurn> = (context: T, rating: CsatRating | undefined) => Promise<void>;

/** What the turn says about its chat: the chat id, the bot user, the variant and the skill. */
export function csatChatOf(context: CsatTurn): CsatChat {
  const activity = context.activity;
  const channelData = (activity.channelData ?? {}) as { variant?: unknown; chatInfo?: { skillName?: unknown } };
  const chat: CsatChat = { chatId: String(activity.conversation?.id ?? '') };
  const botUser = loginNameOf(context.adapter);
  if (botUser) chat.botUser = botUser;
  if (typeof channelData.variant === 'string' && channelData.variant) chat.variant = channelData.variant;
  const skill = channelData.chatInfo?.skillName;
  if (typeof skill === 'string' && skill) chat.skill = skill;
  return chat;
}

/** The LiveEngage adapter's bot user (its login name), read without importing the adapter. */
function loginNameOf(adapter: unknown): string | undefined {
  const settings = (adapter as { settings?: { credentials?: { username?: unknown } } } | undefined)?.settings;
  const username = settings?.credentials?.username;
  return typeof username === 'string' && username ? username : undefined;
}
