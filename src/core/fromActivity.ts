import { ActivityTypes, type CoreActivity } from './protocol.js';
import type { LineRequest } from '../api/types.js';
import { conformHtml, escapeHtml, messageContent, renderHtml, renderPlain, splitText, wrapHtml } from './renderMessage.js';
import { HANDOFF_INITIATE, TRANSFER_ACTIVITY_TYPE, type TransferRequest } from './transfer.js';
import { LiveEngageErrorCode } from '../errorCodes.js';

/** What one outgoing activity asks of the Chat Agent API, in order. */
export type ChatAction =
  | { kind: 'line'; line: LineRequest }
  | { kind: 'typing' }
  | { kind: 'delay'; ms: number }
  | { kind: 'transfer'; request: TransferRequest }
  | { kind: 'end' }
  /** Nothing to send; `reason` says why (logged, not an error). */
  | { kind: 'drop'; reason: string };

export interface OutgoingOptions {
  /** Text type of lines the bot did not mark as html. */
  lineFormat: 'plain' | 'html';
  /** Longest line, in characters; longer texts are split. */
  maxLineLength: number;
}

/** `channelData.messageAudience` value that makes a line visible to agents only (LivePerson's connector). */
export const AGENTS_ONLY = 'AGENTS_AND_MANAGERS';

/** Thrown for an activity the adapter cannot send as asked (e.g. a bot-marked html text over the size limit). */
export class OutgoingActivityError extends RangeError {
  override name = 'OutgoingActivityError';
  /** Always `LIVEENGAGE_INVALID_ACTIVITY`. */
  readonly code = LiveEngageErrorCode.INVALID_ACTIVITY;
}

/** botbuilder's adapters pause for a `delay` activity (not in `ActivityTypes`). */
const DELAY = 'delay';
/** Default wait of a `delay` activity without a value. */
const DEFAULT_DELAY_MS = 1000;

/**
 * The Chat Agent API actions for one outgoing activity (pure). Lines come first, then the transfer or
 * the end the activity asks for, so "I'll get you a person" + TRANSFER reads in that order.
 */
export function fromActivity(activity: CoreActivity, options: OutgoingOptions): ChatAction[] {
  const channelData = (activity.channelData ?? {}) as Record<string, unknown>;
  const action = channelData.action as { name?: unknown; parameters?: Record<string, unknown> } | undefined;

  switch (activity.type) {
    case ActivityTypes.Message: {
      const lines = linesOf(activity, channelData, options);
      if (action && typeof action === 'object') {
        const name = String(action.name ?? '').toUpperCase();
        const parameters = action.parameters ?? {};
        if (name === 'TRANSFER') return [...lines, { kind: 'transfer', request: transferFromParameters(parameters) }];
        if (name === 'CLOSE_CONVERSATION') return [...lines, { kind: 'end' }];
        return [...lines, { kind: 'drop', reason: `channelData.action '${String(action.name)}' is not supported on Live Chat` }];
      }
      return lines.length ? lines : [{ kind: 'drop', reason: 'empty message' }];
    }
    case TRANSFER_ACTIVITY_TYPE:
    case ActivityTypes.Handoff:
      return [...linesOf(activity, channelData, options), { kind: 'transfer', request: transferFromParameters(asRecord(activity.value)) }];
    case ActivityTypes.Event:
      if (activity.name === HANDOFF_INITIATE) {
        return [...linesOf(activity, channelData, options), { kind: 'transfer', request: transferFromParameters(asRecord(activity.value)) }];
      }
      return [{ kind: 'drop', reason: `event '${String(activity.name)}' has no Live Chat equivalent` }];
    case ActivityTypes.EndOfConversation:
      return [...linesOf(activity, channelData, options), { kind: 'end' }];
    case ActivityTypes.Typing:
      return [{ kind: 'typing' }];
    case DELAY: {
      const ms = typeof activity.value === 'number' && activity.value >= 0 ? activity.value : DEFAULT_DELAY_MS;
      return [{ kind: 'delay', ms }];
    }
    case ActivityTypes.Trace:
      return [{ kind: 'drop', reason: 'trace' }];
    default:
      return [{ kind: 'drop', reason: `activity type '${String(activity.type)}' has no Live Chat equivalent` }];
  }
}

function linesOf(activity: CoreActivity, channelData: Record<string, unknown>, options: OutgoingOptions): ChatAction[] {
  const subType = channelData.messageAudience === AGENTS_ONLY ? 'ONLY_TO_REP' : undefined;
  const toAction = (line: LineRequest): ChatAction => ({ kind: 'line', line: subType ? { ...line, subType } : line });

  // LivePerson structured content passes through as a rich-content line (its text must not be empty).
  if (channelData.structuredContent !== undefined) {
    return [toAction({ text: activity.text?.trim() || 'Structured content', textType: 'rich-content', json: channelData.structuredContent })];
  }

  // The bot wrote html itself: sent as written once it follows LivePerson's html rules (no scripts,
  // iframes or event handlers; links in a new window), never split (a cut could break its markup).
  if (activity.textFormat === 'xml' && activity.text && !activity.attachments?.length && !activity.suggestedActions) {
    const html = conformHtml(activity.text);
    if (html.length > options.maxLineLength) {
      throw new OutgoingActivityError(
        `LiveEngageAdapter.sendActivities(): an html line (textFormat 'xml') is ${html.length} characters, over maxLineLength ${options.maxLineLength}; split it or send it as plain text.`,
      );
    }
    return [toAction({ text: html, textType: 'html' })];
  }

  const content = messageContent(activity);
  if (!content.paragraphs.length && !content.options.length && !content.links.length) return [];

  if (options.lineFormat === 'plain') {
    return splitText(renderPlain(content), options.maxLineLength).map((text) => toAction({ text, textType: 'plain' }));
  }
  const html = renderHtml(content);
  if (html.length <= options.maxLineLength) return [toAction({ text: html, textType: 'html' })];
  return splitHtml(renderPlain(content), options.maxLineLength).map((text) => toAction({ text, textType: 'html' }));
}

/** Splits plain text into escaped html lines that each fit `max` (escaping can lengthen a piece). */
function splitHtml(plain: string, max: number): string[] {
  const overhead = wrapHtml('').length;
  const out: string[] = [];
  const fit = (text: string, size: number): void => {
    for (const piece of splitText(text, size)) {
      const html = wrapHtml(escapeHtml(piece));
      if (html.length <= max || size <= 1) out.push(html);
      else fit(piece, Math.max(1, Math.floor(size / 2)));
    }
  };
  fit(plain, Math.max(1, max - overhead));
  return out;
}

function transferFromParameters(parameters: Record<string, unknown>): TransferRequest {
  const request: TransferRequest = {};
  const skill = parameters.skill ?? parameters.skillName ?? parameters.skillId;
  if (typeof skill === 'string' || typeof skill === 'number') request.skill = skill;
  if (typeof parameters.agentId === 'string' || typeof parameters.agentId === 'number') request.agentId = parameters.agentId;
  if (typeof parameters.reason === 'string') request.reason = parameters.reason;
  return request;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
