/**
 * The summary side of `LiveEngageMetrics`: a pure reducer `(state, fact) => state` over the same
 * `MetricFact`s the Prometheus recorder reads, and the plain-JSON `summary()` drawn from its state
 * (the simulator page's "Bot performance" reads it).
 */
import type { ChatOutcome } from '../core/events.js';
import type { MetricFact } from './facts.js';

/** Counts of one bot user and variant, for `summary()`. */
export interface BotVariantSummary {
  botUser: string;
  /** `none` without A/B testing. */
  variant: string;
  chats: { accepted: number; open: number; resolved: number; transferred: number; released: number };
  /** resolved / (resolved + transferred), or null before any. */
  resolutionRate: number | null;
  transfers: {
    accepted: number;
    failed: number;
    /** Of those, the adapter's failovers after a bot error. */
    failover: number;
    /** Reasons (labels) by count, most frequent first, at most 10. */
    topReasons: { reason: string; accepted: number; failed: number }[];
  };
  /** `undeliverable`: what the bot sent that could not be delivered (should be 0). */
  lines: { visitor: number; bot: number; private: number; undeliverable: number };
  turns: { count: number; failed: number; averageMs: number | null };
  replyLatency: { count: number; averageMs: number | null };
  csat: { responses: number; skipped: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

export interface ApiSummary {
  botUser: string;
  requests: number;
  errors: number;
  polls: number;
  /** Failed attempts to log in again, and logins ended soon after they began (another process of the user). */
  reloginFailures: number;
  takeovers: number;
  byOperation: Record<string, { requests: number; errors: number }>;
}

/** What `summary()` returns: plain JSON (no Maps, no NaN), for a dashboard. */
export interface LiveEngageMetricsSummary {
  /** When counting began (construction or the last `reset()`), ISO 8601. */
  since: string;
  generatedAt: string;
  /** One row per bot user and variant, sorted. */
  bots: BotVariantSummary[];
  /** One row per bot user, sorted. */
  api: ApiSummary[];
}

/** The counts of one bot user and variant. */
interface BotCounts {
  botUser: string;
  variant: string;
  accepted: number;
  open: number;
  closed: Readonly<Record<ChatOutcome, number>>;
  transfersAccepted: number;
  transfersFailed: number;
  failover: number;
  reasons: Readonly<Record<string, { readonly accepted: number; readonly failed: number }>>;
  visitorLines: number;
  botLines: number;
  privateLines: number;
  undeliverable: number;
  turns: number;
  failedTurns: number;
  turnMs: number;
  latencyCount: number;
  latencyMs: number;
  csat: readonly [number, number, number, number, number];
  csatSkipped: number;
}

/** The counts of one bot user's API calls. */
interface ApiCounts {
  requests: number;
  errors: number;
  polls: number;
  reloginFailures: number;
  takeovers: number;
  byOperation: Readonly<Record<string, { readonly requests: number; readonly errors: number }>>;
}

/** What the reducer keeps: counts by bot user and variant (key `botUser\u0000variant`), and by bot user. */
export interface SummaryState {
  readonly bots: Readonly<Record<string, Readonly<BotCounts>>>;
  readonly api: Readonly<Record<string, Readonly<ApiCounts>>>;
}

export const EMPTY_SUMMARY: SummaryState = { bots: {}, api: {} };

function emptyBot(botUser: string, variant: string): BotCounts {
  return {
    botUser, variant, accepted: 0, open: 0, closed: { resolved: 0, transferred: 0, released: 0 },
    transfersAccepted: 0, transfersFailed: 0, failover: 0, reasons: {},
    visitorLines: 0, botLines: 0, privateLines: 0, undeliverable: 0, turns: 0, failedTurns: 0, turnMs: 0,
    latencyCount: 0, latencyMs: 0, csat: [0, 0, 0, 0, 0], csatSkipped: 0,
  };
}

const EMPTY_API: ApiCounts = { requests: 0, errors: 0, polls: 0, reloginFailures: 0, takeovers: 0, byOperation: {} };

/** The state after one more fact. Pure: `state` is never changed. */
export function reduceSummary(state: SummaryState, fact: MetricFact): SummaryState {
  switch (fact.kind) {
    case 'apiCall':
      return withApi(state, fact.botUser, (a) => {
        const failed = fact.errorKind ? 1 : 0;
        const op = own(a.byOperation, fact.operation) ?? { requests: 0, errors: 0 };
        return { ...a, requests: a.requests + 1, errors: a.errors + failed, byOperation: { ...a.byOperation, [fact.operation]: { requests: op.requests + 1, errors: op.errors + failed } } };
      });
    case 'poll':
      return withApi(state, fact.botUser, (a) => ({ ...a, polls: a.polls + 1 }));
    case 'reloginFailed':
      return withApi(state, fact.botUser, (a) => ({ ...a, reloginFailures: a.reloginFailures + 1 }));
    case 'takeover':
      return withApi(state, fact.botUser, (a) => ({ ...a, takeovers: a.takeovers + 1 }));
    default:
      return withBot(state, fact.botUser, fact.variant, (b) => reduceChat(b, fact));
  }
}

type ChatFactOf = Exclude<MetricFact, { kind: 'apiCall' | 'poll' | 'reloginFailed' | 'takeover' }>;

function reduceChat(b: BotCounts, fact: ChatFactOf): BotCounts {
  switch (fact.kind) {
    case 'chatAccepted':
      return { ...b, accepted: b.accepted + 1, open: b.open + (fact.opened ? 1 : 0) };
    case 'chatClosed':
      return { ...b, closed: { ...b.closed, [fact.outcome]: b.closed[fact.outcome] + 1 }, open: fact.wasOpen ? Math.max(0, b.open - 1) : b.open };
    case 'transfer': {
      const failed = fact.state === 'failed';
      const reason = own(b.reasons, fact.reason) ?? { accepted: 0, failed: 0 };
      return {
        ...b,
        transfersAccepted: b.transfersAccepted + (failed ? 0 : 1),
        transfersFailed: b.transfersFailed + (failed ? 1 : 0),
        failover: b.failover + (fact.failover ? 1 : 0),
        reasons: { ...b.reasons, [fact.reason]: { accepted: reason.accepted + (failed ? 0 : 1), failed: reason.failed + (failed ? 1 : 0) } },
      };
    }
    case 'visitorLine':
      return { ...b, visitorLines: b.visitorLines + 1 };
    case 'botLine': {
      const latency = fact.replyLatencyMs === undefined ? {} : { latencyCount: b.latencyCount + 1, latencyMs: b.latencyMs + fact.replyLatencyMs };
      return { ...b, botLines: b.botLines + 1, privateLines: b.privateLines + (fact.private ? 1 : 0), ...latency };
    }
    case 'lineUndeliverable':
      return { ...b, undeliverable: b.undeliverable + 1 };
    case 'turn':
      return { ...b, turns: b.turns + 1, turnMs: b.turnMs + fact.durationMs, failedTurns: b.failedTurns + (fact.failed ? 1 : 0) };
    case 'csatRating': {
      const csat = [...b.csat] as [number, number, number, number, number];
      csat[fact.rating - 1] = (csat[fact.rating - 1] ?? 0) + 1;
      return { ...b, csat };
    }
    case 'csatSkipped':
      return { ...b, csatSkipped: b.csatSkipped + 1 };
  }
}

function withBot(state: SummaryState, botUser: string, variant: string, change: (b: BotCounts) => BotCounts): SummaryState {
  const key = `${botUser}\u0000${variant}`;
  return { ...state, bots: { ...state.bots, [key]: change(own(state.bots, key) ?? emptyBot(botUser, variant)) } };
}

function withApi(state: SummaryState, botUser: string, change: (a: ApiCounts) => ApiCounts): SummaryState {
  return { ...state, api: { ...state.api, [botUser]: change(own(state.api, botUser) ?? EMPTY_API) } };
}

/** The plain-JSON summary of a state: rows sorted, averages and rates rounded, at most 10 reasons a row. */
export function renderSummary(state: SummaryState, since: Date, now: Date): LiveEngageMetricsSummary {
  const bots = Object.values(state.bots)
    .sort((a, b) => a.botUser.localeCompare(b.botUser) || a.variant.localeCompare(b.variant))
    .map(botRow);
  const api = Object.entries(state.api)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([botUser, a]): ApiSummary => ({
      botUser,
      requests: a.requests,
      errors: a.errors,
      polls: a.polls,
      reloginFailures: a.reloginFailures,
      takeovers: a.takeovers,
      byOperation: Object.fromEntries(Object.entries(a.byOperation).sort(([x], [y]) => x.localeCompare(y)).map(([op, n]) => [op, { ...n }])),
    }));
  return { since: since.toISOString(), generatedAt: now.toISOString(), bots, api };
}

function botRow(a: BotCounts): BotVariantSummary {
  const responses = a.csat.reduce((s, n) => s + n, 0);
  const points = a.csat.reduce((s, n, i) => s + n * (i + 1), 0);
  const decided = a.closed.resolved + a.closed.transferred;
  return {
    botUser: a.botUser,
    variant: a.variant,
    chats: { accepted: a.accepted, open: a.open, resolved: a.closed.resolved, transferred: a.closed.transferred, released: a.closed.released },
    resolutionRate: decided ? round(a.closed.resolved / decided, 4) : null,
    transfers: {
      accepted: a.transfersAccepted,
      failed: a.transfersFailed,
      failover: a.failover,
      topReasons: Object.entries(a.reasons)
        .map(([reason, n]) => ({ reason, accepted: n.accepted, failed: n.failed }))
        .sort((x, y) => y.accepted + y.failed - (x.accepted + x.failed) || x.reason.localeCompare(y.reason))
        .slice(0, 10),
    },
    lines: { visitor: a.visitorLines, bot: a.botLines, private: a.privateLines, undeliverable: a.undeliverable },
    turns: { count: a.turns, failed: a.failedTurns, averageMs: a.turns ? round(a.turnMs / a.turns, 1) : null },
    replyLatency: { count: a.latencyCount, averageMs: a.latencyCount ? round(a.latencyMs / a.latencyCount, 1) : null },
    csat: {
      responses,
      skipped: a.csatSkipped,
      average: responses ? round(points / responses, 2) : null,
      distribution: { '1': a.csat[0], '2': a.csat[1], '3': a.csat[2], '4': a.csat[3], '5': a.csat[4] },
    },
  };
}

/** `record[key]` when it is the record's own (labels are free text: `__proto__` is a key like any other). */
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
