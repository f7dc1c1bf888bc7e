import { PAGE_PATHS, type PageSettings } from '../controlApi.js';
import { SimulatorError } from '../errors.js';
import type { Route } from '../http/dispatch.js';
import type { Reply } from '../http/reply.js';
import { PAGE_CSS, PAGE_HTML, PAGE_JS } from './assets.generated.js';

/**
 * The page's static files by name, as served under `/simulator/page/`: the bundle of `browser/*.ts` and
 * `browser/style.css`, from the module `scripts/page.mjs` generates (see it for why a module).
 */
export const PAGE_ASSETS: Readonly<Record<string, { contentType: string; body: string }>> = {
  'style.css': { contentType: 'text/css; charset=utf-8', body: PAGE_CSS },
  'app.js': { contentType: 'text/javascript; charset=utf-8', body: PAGE_JS },
};

/**
 * Nothing from anywhere else: the page talks to this simulator only, and runs no inline script or style
 * (test/browser/bundle.test.ts holds this policy to its letter).
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export type { PageSettings };

/**
 * The page's settings from the simulator's options, checked: `visitorSuggestions` is absent (no quick
 * buttons) or a list of non-empty strings, each at most 2000 characters (what the visitor's box takes).
 */
export function pageSettings(visitorSuggestions: unknown, messaging = false): PageSettings {
  if (visitorSuggestions === undefined) return { visitorSuggestions: [], messaging };
  if (!Array.isArray(visitorSuggestions)) throw new Error('new LiveEngageSimulator(): visitorSuggestions must be an array of strings.');
  visitorSuggestions.forEach((text: unknown, i) => {
    if (typeof text !== 'string' || text.trim() === '' || text.length > 2000) {
      throw new Error(`new LiveEngageSimulator(): visitorSuggestions[${i}] must be a non-empty string of at most 2000 characters.`);
    }
  });
  return { visitorSuggestions: Object.freeze([...(visitorSuggestions as string[])]), messaging };
}

/**
 * `GET /` (the page), `GET /simulator/page/:file` (its CSS and JS modules) and
 * `GET /simulator/page-settings` (what the page is told of the simulator's options).
 */
export function pageRoutes(accountId: () => string, settings: PageSettings = { visitorSuggestions: [], messaging: false }): Route[] {
  const asset = (contentType: string, body: string): Reply => ({ status: 200, body, headers: { 'Content-Type': contentType, ...SECURITY_HEADERS } });
  const settingsBody = JSON.stringify(settings);
  return [
    {
      method: 'GET',
      path: '/',
      family: 'control',
      operation: 'control.page',
      handle: () => asset('text/html; charset=utf-8', PAGE_HTML.replace('{{accountId}}', escapeHtml(accountId()))),
    },
    {
      method: 'GET',
      path: PAGE_PATHS.file,
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
      path: PAGE_PATHS.settings,
      family: 'control',
      operation: 'control.pageSettings',
      handle: () => asset('application/json; charset=utf-8', settingsBody),
    },
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
