/**
 * Request bodies, exactly as the docs print them (see `test/fixtures/*-request.json`). Pure.
 */
import { configError } from './errors.js';
import type {
  WireAddLineRequest,
  WireAgentTyping,
  WireAppKeyLoginRequest,
  WireCsrfRequest,
  WireEndChatRequest,
  WirePasswordLoginRequest,
  WireSetAvailabilityRequest,
  WireStartAgentSessionRequest,
  WireTransferRequest,
} from './liveEngageJson.js';
import type { ChatAvailability, Credentials, LineRequest, TransferTarget } from './types.js';

/** What OAuth2 client-credentials bots send in place of the OAuth1 token fields. */
export const OAUTH2_DUMMY_TOKEN = 'dummy';

/**
 * The login body: `{username, password}`, or `{username, appKey, secret, accessToken, accessTokenSecret}`
 * with `"dummy"` for missing token fields (OAuth2 client credentials).
 */
export function loginBody(credentials: Credentials): WirePasswordLoginRequest | WireAppKeyLoginRequest {
  const missing = (field: string): never => {
    throw configError('login', `credentials.${field} is required`);
  };
  if (!credentials || typeof credentials !== 'object') return missing('username');
  const username = typeof credentials.username === 'string' && credentials.username.trim() ? credentials.username : missing('username');
  if ('password' in credentials && credentials.password !== undefined) {
    const password = typeof credentials.password === 'string' && credentials.password ? credentials.password : missing('password');
    return { username, password };
  }
  if (!('appKey' in credentials)) {
    throw configError('login', 'credentials need either a password or an appKey and secret');
  }
  const appKey = typeof credentials.appKey === 'string' && credentials.appKey ? credentials.appKey : missing('appKey');
  const secret = typeof credentials.secret === 'string' && credentials.secret ? credentials.secret : missing('secret');
  return {
    username,
    appKey,
    secret,
    accessToken: credentials.accessToken || OAUTH2_DUMMY_TOKEN,
    accessTokenSecret: credentials.accessTokenSecret || OAUTH2_DUMMY_TOKEN,
  };
}

/** Every credential value that must stay out of errors and logs. */
export function credentialSecrets(credentials: Credentials): string[] {
  const c = credentials as Partial<Record<'password' | 'appKey' | 'secret' | 'accessToken' | 'accessTokenSecret', unknown>>;
  return [c.password, c.appKey, c.secret, c.accessToken, c.accessTokenSecret].filter(
    (v): v is string => typeof v === 'string' && v !== OAUTH2_DUMMY_TOKEN,
  );
}

export function csrfBody(csrf: string): WireCsrfRequest {
  return { csrf };
}

/** `{"loginData": ""}`, "for backwards compatibility". */
export function startAgentSessionBody(): WireStartAgentSessionRequest {
  return { loginData: '' };
}

export function setAvailabilityBody(chat: ChatAvailability): WireSetAvailabilityRequest {
  return { availability: { chat } };
}

/** Exactly `{}` ("backwards compatibility"). */
export function acceptChatBody(): Record<string, never> {
  return {};
}

/** A line event; `textType` defaults to `plain`, `subType`/`json` only when given. */
export function addLineBody(line: LineRequest): WireAddLineRequest {
  const event: WireAddLineRequest['event'] = { '@type': 'line', text: line.text, textType: line.textType ?? 'plain' };
  if (line.subType !== undefined) event.subType = line.subType;
  if (line.json !== undefined) event.json = line.json;
  return { event };
}

export function endChatBody(): WireEndChatRequest {
  return { event: { '@type': 'state', state: 'ended' } };
}

export function agentTypingBody(typing: boolean): WireAgentTyping {
  return { agentTyping: typing ? 'typing' : 'not-typing' };
}

/** `{transfer:{skill:{id}}}` or `{transfer:{agent:{id}}}`, with the agent-only `text` when given. */
export function transferBody(target: TransferTarget, text?: string): WireTransferRequest {
  const transfer: WireTransferRequest['transfer'] = {};
  if (target.agentId !== undefined) transfer.agent = { id: numericId(target.agentId) };
  else if (target.skillId !== undefined) transfer.skill = { id: target.skillId };
  else throw configError('transfer', 'the transfer target needs a skillId or an agentId');
  if (text !== undefined && text !== '') transfer.text = text;
  return { transfer };
}

function numericId(id: number | string): number | string {
  return typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
}

/** Survey answers: question id -> answer (several for multi-select). */
export type SurveyAnswers = Record<string, string | readonly string[]>;

/** The JSON rendering of `<survey id><question id><answer>…</answer></question></survey>`. */
export function surveyBody(surveyId: string | number, answers: SurveyAnswers): { survey: { '@id': string; question: { '@id': string; answer: string | string[] }[] } } {
  return {
    survey: {
      '@id': String(surveyId),
      question: Object.entries(answers).map(([id, answer]) => ({ '@id': id, answer: typeof answer === 'string' ? answer : [...answer] })),
    },
  };
}
