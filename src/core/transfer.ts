import type { TransferSkill } from '../api/types.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** The activity type a bot sends to hand the chat to another skill (or agent). */
export const TRANSFER_ACTIVITY_TYPE = 'transfer';

/** botbuilder's handoff event names (`EventFactory.createHandoffInitiation` / `createHandoffStatus`). */
export const HANDOFF_INITIATE = 'handoff.initiate';
export const HANDOFF_STATUS = 'handoff.status';

/** What a transfer asks for. */
export interface TransferRequest {
  /** Target skill, by name (case-insensitive) or numeric id. */
  skill?: string | number;
  /** Target agent id; when set, the agent wins over the skill (as in LiveEngage). */
  agentId?: string | number;
  /** Why: shown to the receiving agent only, and recorded in metrics. */
  reason?: string;
}

/** A `transfer` activity, as made by `createTransferActivity`. */
export interface TransferActivity {
  type: typeof TRANSFER_ACTIVITY_TYPE;
  value: TransferRequest;
}

/** The value of the `handoff.status` event the bot receives after a transfer. */
export interface HandoffStatusValue {
  state: 'accepted' | 'failed';
  message: string;
  /** The skill (or agent) the chat was (to be) transferred to. */
  target?: { skillId?: number; skillName?: string; agentId?: string };
  reason?: string;
}

/**
 * A `transfer` activity: `await context.sendActivity(createTransferActivity('human-support', 'asked for an agent'))`.
 * The chat moves to the skill's queue; the bot then receives a `handoff.status` event.
 */
export function createTransferActivity(skill: string | number, reason?: string): TransferActivity {
  if (skill === undefined || skill === null || String(skill).trim() === '') {
    throw codedError(TypeError, 'createTransferActivity(): skill is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
  }
  const value: TransferRequest = { skill };
  if (reason !== undefined) value.reason = reason;
  return { type: TRANSFER_ACTIVITY_TYPE, value };
}

/** The outcome of resolving a skill name against a chat's transfer skills. */
export type SkillResolution =
  | { ok: true; skill: TransferSkill }
  | { ok: false; message: string };

/**
 * Finds the skill a transfer names among the skills LiveEngage offers for this chat (only skills with
 * an agent online, other than this one, are offered). Names match case-insensitively; ids exactly.
 */
export function resolveTransferSkill(wanted: string | number, offered: TransferSkill[]): SkillResolution {
  const asText = String(wanted).trim();
  const byId = /^\d+$/.test(asText) ? offered.find((s) => s.id === Number(asText)) : undefined;
  const byName = offered.find((s) => s.name.toLowerCase() === asText.toLowerCase());
  const skill = byId ?? byName;
  if (skill) return { ok: true, skill };
  const names = offered.map((s) => s.name).join(', ') || 'none';
  return {
    ok: false,
    message: `Skill '${asText}' is not available for transfer: it does not exist or no agent with it is online (available: ${names}).`,
  };
}
