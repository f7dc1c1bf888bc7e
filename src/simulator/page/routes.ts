import { SimulatorError } from '../errors.js';
import type { Route } from '../http/dispatch.js';
import type { Reply } from '../http/reply.js';
import { styleCss } from './css.js';
import { indexHtml } from './html.js';
import { apiJs } from './scripts/api.js';
import { appJs } from './scripts/app.js';
import { backoffJs } from './scripts/backoff.js';
import { chartsJs } from './scripts/charts.js';
import { checklistJs } from './scripts/checklist.js';
import { connectionJs } from './scripts/connection.js';
import { dashboardJs } from './scripts/dashboard.js';
import { domJs } from './scripts/dom.js';
import { storeJs } from './scripts/store.js';
import { transcriptJs } from './scripts/transcript.js';
import { visitorJs } from './scripts/visitor.js';
import { workspaceJs } from './scripts/workspace.js';

const JS = 'text/javascript; charset=utf-8';

/**
 * The page's static files by name, as served under `/simulator/page/`. They are TypeScript modules
 * exporting strings, so the package's `tsc` build ships them in `dist/` and `tsx` serves them from
 * `src/` alike, with no copy step and no path to resolve at run time.
 */
export const PAGE_ASSETS: Readonly<Record<string, { contentType: string; body: string }>> = {
  'style.css': { contentType: 'text/css; charset=utf-8', body: styleCss },
  'app.js': { contentType: JS, body: appJs },
  'api.js': { contentType: JS, body: apiJs },
  'backoff.js': { contentType: JS, body: backoffJs },
  'charts.js': { contentType: JS, body: chartsJs },
  'checklist.js': { contentType: JS, body: checklistJs },
  'connection.js': { contentType: JS, body: connectionJs },
  'dashboard.js': { contentType: JS, body: dashboardJs },
  'dom.js': { contentType: JS, body: domJs },
  'store.js': { contentType: JS, body: storeJs },
  'transcript.js': { contentType: JS, body: transcriptJs },
  'visitor.js': { contentType: JS, body: visitorJs },
  'workspace.js': { contentType: JS, body: workspaceJs },
};

/** Nothing from anywhere else: the page talks to this simulator only. */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** What the page is told of the simulator's options, at `GET /simulator/page-settings`. */
export interface PageSettings {
  visitorSuggestions: readonly string[];
}

/**
 * The page's settings from the simulator's options, checked: `visitorSuggestions` is absent (no quick
 * buttons) or a list of non-empty strings, each at most 2000 characters (what the visitor's box takes).
 */
export function pageSettings(visitorSuggestions: unknown): PageSettings {
  if (visitorSuggestions === undefined) return { visitorSuggestions: [] };
  if (!Array.isArray(visitorSuggestions)) throw new Error('new LiveEngageSimulator(): visitorSuggestions must be an array of strings.');
  visitorSuggestions.forEach((text: unknown, i) => {
    if (typeof text !== 'string' || text.trim() === '' || text.length > 2000) {
      throw new Error(`new LiveEngageSimulator(): visitorSuggestions[${i}] must be a non-empty string of at most 2000 characters.`);
    }
  });
  return { visitorSuggestions: Object.freeze([...(visitorSuggestions as string[])]) };
}

/**
 * `GET /` (the page), `GET /simulator/page/:file` (its CSS and JS modules) and
 * `GET /simulator/page-settings` (what the page is told of the simulator's options).
 */
export function pageRoutes(accountId: () => string, settings: PageSettings = { visitorSuggestions: [] }): Route[] {
  const asset = (contentType: string, body: string): Reply => ({ status: 200, body, headers: { 'Content-Type': contentType, ...SECURITY_HEADERS } });
  const settingsBody = JSON.stringify(settings);
  return [
    {
      method: 'GET',
      path: '/',
      family: 'control',
      operation: 'control.page',
      handle: () => asset('text/html; charset=utf-8', indexHtml.replace('{{accountId}}', escapeHtml(accountId()))),
    },
    {
      method: 'GET',
      path: '/simulator/page/:file',
      family: 'control',
      operation: 'control.page',
      handle: (ctx) => {
        const file = ctx.params.file ?? '';
        const found = Object.hasOwn(PAGE_ASSETS, file) ? PAGE_ASSETS[file] : undefined;
        if (!found) throw new SimulatorError('notFound', `No page file ${file}`);
        return asset(found.contentType, found.body);
      },
    },
    {
      method: 'GET',
      path: '/simulator/page-settings',
      family: 'control',
      operation: 'control.pageSettings',
      handle: () => asset('application/json; charset=utf-8', settingsBody),
    },
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
