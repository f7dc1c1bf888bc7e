import type { WireChatInfoResponse, WireVisitorName, WireVisitorTyping } from '../../api/liveEngageJson.js';
import { SimulatorError } from '../errors.js';
import { empty, json } from '../http/reply.js';
import { isRecord, objectBody, type RequestContext } from '../http/request.js';
import {
  chatEventLocation,
  chatLocation,
  chatResource,
  events,
  info,
  transferSkills,
  wireEvent,
} from '../render/chat.js';
import { AGENT_SURVEY, surveyResource } from '../render/survey.js';
import type { LineSubType } from '../world/model.js';
import { CHAT, eventIndex, notSimulated, readableChat, renderContext, requirePut, type Route, type RouteDeps } from './shared.js';

const TEXT_TYPES = ['plain', 'html', 'rich-content'];
const SUB_TYPES: readonly LineSubType[] = ['REGULAR', 'ONLY_TO_REP'];

/** Names a POST to `/events` after what it carries, for stats and fault matching. */
function eventOperation(ctx: RequestContext): string {
  const event = isRecord(ctx.body) ? ctx.body.event : undefined;
  if (isRecord(event) && (event['@type'] ?? event.type) === 'state') return 'endChat';
  return 'addLine';
}

/** One chat: resource, events, lines, end, info, typing, transfer, survey. */
export function chatRoutes(deps: RouteDeps): Route[] {
  const { world } = deps;
  const chatUrl = (sessionId: string, chatId: string): string => deps.links().chat(sessionId, chatId);

  const putRoutes = (path: string, operation: string, handle: Route['handle']): Route[] =>
    (['POST', 'PUT'] as const).map((method) => ({ method, path, family: 'agent', operation, handle }));

  return [
    {
      method: 'GET',
      path: CHAT,
      family: 'agent',
      operation: 'getChat',
      handle: (ctx) => {
        const { session, chat } = readableChat(deps, ctx);
        return json(200, chatResource(renderContext(deps, session), chat, eventIndex(ctx.query.get('from'))));
      },
    },
    {
      method: 'GET',
      path: `${CHAT}/events`,
      family: 'agent',
      operation: 'getEvents',
      handle: (ctx) => {
        const { session, chat } = readableChat(deps, ctx);
        return json(200, events(renderContext(deps, session), chat, eventIndex(ctx.query.get('from'))));
      },
    },
    {
      // Where the add-line Location points. Undocumented; answered as `{"event":{...}}`.
      method: 'GET',
      path: `${CHAT}/events/:eventId`,
      family: 'agent',
      operation: 'getEvent',
      handle: (ctx) => {
        const { chat } = readableChat(deps, ctx);
        const event = chat.events[eventIndex(ctx.params.eventId, 'eventId')];
        if (!event) throw new SimulatorError('notFound', `No event ${ctx.params.eventId ?? ''} in chat ${chat.id}`);
        return json(200, { event: wireEvent(event) });
      },
    },
    {
      method: 'POST',
      path: `${CHAT}/events`,
      family: 'agent',
      operation: eventOperation,
      handle: (ctx) => {
        const { session, chat } = readableChat(deps, ctx);
        const event = objectBody(ctx).event;
        if (!isRecord(event)) throw new SimulatorError('invalid', 'Body must be {"event":{...}}');
        const type = event['@type'] ?? event.type;
        const url = chatUrl(session.id, chat.id);
        if (type === 'state') {
          if (event.state !== 'ended') throw new SimulatorError('invalid', 'The only state an agent can post is "ended"');
          const ended = world.chats.agentEnds(chat, session.agent);
          const href = `${url}/events/${ended.id}`;
          return json(201, chatLocation(href), { Location: href });
        }
        if (type !== 'line') throw new SimulatorError('invalid', 'event @type must be "line" or "state"');
        const textType = event.textType ?? 'plain';
        if (typeof textType !== 'string' || !TEXT_TYPES.includes(textType)) {
          throw new SimulatorError('invalid', `textType must be one of ${TEXT_TYPES.join(', ')}`);
        }
        const subType = event.subType ?? 'REGULAR';
        if (typeof subType !== 'string' || !SUB_TYPES.includes(subType as LineSubType)) {
          throw new SimulatorError('invalid', `subType must be one of ${SUB_TYPES.join(', ')}`);
        }
        const text = event.text;
        if (typeof text !== 'string' || (text === '' && textType !== 'rich-content')) {
          throw new SimulatorError('invalid', 'text is required');
        }
        const line = world.chats.agentLine(chat, session.agent, {
          text,
          textType,
          subType: subType as LineSubType,
          ...(event.json !== undefined ? { json: event.json } : {}),
        });
        const href = `${url}/events/${line.id}`;
        return json(201, chatEventLocation(href), { Location: href });
      },
    },
    {
      method: 'GET',
      path: `${CHAT}/info`,
      family: 'agent',
      operation: 'getChatInfo',
      handle: (ctx) => {
        const { session, chat } = readableChat(deps, ctx);
        return json(200, { info: info(renderContext(deps, session), chat) } satisfies WireChatInfoResponse);
      },
    },
    {
      method: 'GET',
      path: `${CHAT}/info/visitorName`,
      family: 'agent',
      operation: 'getVisitorName',
      handle: (ctx) => json(200, { visitorName: readableChat(deps, ctx).chat.visitorName } satisfies WireVisitorName),
    },
    {
      // The docs list 201 for this GET; the simulator answers 200 (see README).
      method: 'GET',
      path: `${CHAT}/info/agentTyping`,
      family: 'agent',
      operation: 'getAgentTyping',
      handle: (ctx) => json(200, { agentTyping: readableChat(deps, ctx).chat.agentTyping ? 'typing' : 'not-typing' }),
    },
    ...putRoutes(`${CHAT}/info/agentTyping`, 'setAgentTyping', (ctx) => {
      const { session, chat } = readableChat(deps, ctx);
      requirePut(ctx);
      const value = objectBody(ctx).agentTyping;
      if (value !== 'typing' && value !== 'not-typing') {
        throw new SimulatorError('invalid', 'agentTyping must be "typing" or "not-typing"');
      }
      world.chats.setAgentTyping(chat, session.agent, value === 'typing');
      return json(200, { agentTyping: value });
    }),
    {
      method: 'GET',
      path: `${CHAT}/info/visitorTyping`,
      family: 'agent',
      operation: 'getVisitorTyping',
      handle: (ctx) => json(200, { visitorTyping: readableChat(deps, ctx).chat.visitorTyping ? 'typing' : 'not-typing' } satisfies WireVisitorTyping),
    },
    {
      method: 'GET',
      path: `${CHAT}/transfer`,
      family: 'agent',
      operation: 'getTransferSkills',
      handle: (ctx) => json(200, transferSkills(world.chats.transferableSkills(readableChat(deps, ctx).chat))),
    },
    {
      method: 'POST',
      path: `${CHAT}/transfer`,
      family: 'agent',
      operation: 'transfer',
      handle: (ctx) => {
        const { session, chat } = readableChat(deps, ctx);
        const transfer = objectBody(ctx).transfer;
        if (!isRecord(transfer)) throw new SimulatorError('invalid', 'Body must be {"transfer":{...}}');
        const text = typeof transfer.text === 'string' ? transfer.text : undefined;
        // Either is required; when both are given the agent wins (documented).
        const agentId = idOf(transfer.agent);
        const skillId = idOf(firstOf(transfer.skill));
        if (agentId !== undefined) world.chats.transferToAgent(chat, session.agent, agentId, text);
        else if (skillId !== undefined) world.chats.transferToSkill(chat, session.agent, Number(skillId), text);
        else throw new SimulatorError('invalid', 'transfer needs skill.id or agent.id');
        return empty(200);
      },
    },
    {
      method: 'GET',
      path: `${CHAT}/survey`,
      family: 'agent',
      operation: 'getSurvey',
      handle: (ctx) => json(200, surveyResource(readableChat(deps, ctx).chat.survey)),
    },
    ...putRoutes(`${CHAT}/survey`, 'submitSurvey', (ctx) => {
      const { session, chat } = readableChat(deps, ctx);
      requirePut(ctx);
      const survey = objectBody(ctx).survey;
      if (!isRecord(survey)) throw new SimulatorError('invalid', 'Body must be {"survey":{"question":[...]}}');
      const questions = survey.question === undefined ? [] : [survey.question].flat();
      const answers: Record<string, string> = {};
      for (const question of questions) {
        const id = isRecord(question) ? idOf(question) : undefined;
        const answer = isRecord(question) ? question.answer : undefined;
        if (id === undefined || !AGENT_SURVEY.questions.some((q) => q.id === id)) {
          throw new SimulatorError('invalid', `Unknown survey question ${id ?? '(none)'}`);
        }
        if (typeof answer !== 'string') throw new SimulatorError('invalid', `Question ${id} needs a string answer`);
        answers[id] = answer;
      }
      world.chats.submitSurvey(chat, session.agent, answers);
      return empty(200);
    }),
    ...[`${CHAT}/transferAccount`, `${CHAT}/collaborationChannels`].map(
      (path): Route => ({
        method: 'GET',
        path,
        family: 'agent',
        operation: 'notSimulated',
        handle: (ctx) => {
          readableChat(deps, ctx);
          return notSimulated(world.now(), 'This resource is only linked to in the docs and is not simulated');
        },
      }),
    ),
  ];
}

/** `{"id": 2}`, `{"@id": "2"}` -> "2". */
function idOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.id ?? value['@id'];
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : undefined;
}

/** Only the first skill counts if several are sent (2017 docs). */
function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
