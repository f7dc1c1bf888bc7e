import { fromActivity, type ChatAction } from './fromActivity.js';
import { ActivityTypes, type CoreActivity } from './protocol.js';
import type { TransferRequest } from './transfer.js';

/** `valueType` of the traces that stand for a transfer or an end on other channels. */
export const TRANSFER_TRACE_VALUE_TYPE = 'urn:botbuilder-adapter-liveengage:transfer';
export const END_TRACE_VALUE_TYPE = 'urn:botbuilder-adapter-liveengage:end';

/** What a transfer or an end becomes on a channel that cannot carry it out. */
export interface HandoffFallbackOptions {
  /**
   * A line the user sees where LiveEngage would transfer the chat, e.g.
   * `(request) => \`(On LiveEngage, a person from ${request.skill} takes over here.)\``. Default: none,
   * the trace alone.
   */
  transferNotice?: (request: TransferRequest) => string | undefined;
  /** A line the user sees where LiveEngage would end the chat. Default: none, the trace alone. */
  endNotice?: string;
  /** Channels that carry transfers and ends out themselves: left alone. Default `['liveengage']`. */
  channels?: string[];
}

/**
 * What one outgoing activity becomes on a channel that is not LiveEngage (pure). A transfer (the
 * `transfer` activity, the `handoff.initiate` event, LivePerson's `channelData.action` TRANSFER) and an
 * end (`endOfConversation`, `channelData.action` CLOSE_CONVERSATION) turn into what every channel
 * accepts: the activity's own text as a message, a `trace` carrying the request (the Emulator and the
 * Agents Playground show it in their logs), and the optional notice. Anything else is returned as is.
 */
export function handoffFallback(activity: CoreActivity, options: HandoffFallbackOptions = {}): CoreActivity[] {
  const action = liveEngageAction(activity);
  if (!action) return [activity];
  const out: CoreActivity[] = [];
  const said = spokenPart(activity);
  if (said) out.push(said);
  if (action.kind === 'transfer') {
    const target = action.request.agentId !== undefined ? `agent ${action.request.agentId}` : `skill ${String(action.request.skill ?? '(none)')}`;
    out.push(address(activity, { type: ActivityTypes.Trace, name: 'LiveEngage transfer', label: `Transfer to ${target}`, valueType: TRANSFER_TRACE_VALUE_TYPE, value: action.request }));
    const notice = options.transferNotice?.(action.request);
    if (notice) out.push(address(activity, { type: ActivityTypes.Message, text: notice }));
  } else {
    out.push(address(activity, { type: ActivityTypes.Trace, name: 'LiveEngage end', label: 'End of the chat', valueType: END_TRACE_VALUE_TYPE, value: {} }));
    if (options.endNotice) out.push(address(activity, { type: ActivityTypes.Message, text: options.endNotice }));
  }
  return out;
}

/** The transfer or end an activity asks of LiveEngage, as the LiveEngage adapter reads it. */
function liveEngageAction(activity: CoreActivity): Extract<ChatAction, { kind: 'transfer' | 'end' }> | undefined {
  const type = activity.type;
  const asks = type === 'transfer' || type === ActivityTypes.Handoff || type === ActivityTypes.EndOfConversation || type === ActivityTypes.Event || Boolean((activity.channelData as { action?: unknown } | undefined)?.action);
  if (!asks) return undefined;
  const actions = fromActivity(activity, { lineFormat: 'plain', maxLineLength: Number.MAX_SAFE_INTEGER });
  return actions.find((a): a is Extract<ChatAction, { kind: 'transfer' | 'end' }> => a.kind === 'transfer' || a.kind === 'end');
}

/** The message part of an activity that also asks for a transfer or an end: the same content, as a message. */
function spokenPart(activity: CoreActivity): CoreActivity | undefined {
  if (!activity.text && !activity.attachments?.length) return undefined;
  if (activity.type === ActivityTypes.Message) {
    const { action: _action, ...channelData } = (activity.channelData ?? {}) as Record<string, unknown>;
    return { ...activity, channelData };
  }
  const { value: _value, name: _name, ...rest } = activity;
  return { ...rest, type: ActivityTypes.Message };
}

/** Where the activity goes; copied onto the activities made in its place. */
const ADDRESS = ['channelId', 'conversation', 'from', 'recipient', 'serviceUrl', 'replyToId', 'locale'] as const;

/** A new activity on the same conversation, from the same bot, to the same user. */
function address(source: CoreActivity, activity: CoreActivity): CoreActivity {
  const addressed: Record<string, unknown> = {};
  for (const field of ADDRESS) if (source[field] !== undefined) addressed[field] = source[field];
  return { ...addressed, ...activity };
}
