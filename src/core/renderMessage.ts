import { encode } from 'html-entities';
import type { Attachment, CardAction, CoreActivity } from './protocol.js';
import render from 'dom-serializer';
import { Element, type ChildNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * Live Chat shows lines of text or html and has no buttons or quick replies: cards and suggested
 * actions become text (numbered options the visitor can type back, which ChoicePrompt recognises) or
 * html (the same list, links clickable).
 */

/** A message broken into what Live Chat can show. */
export interface MessageContent {
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** Choices the visitor can type back (imBack, postBack, messageBack ...). */
  options: string[];
  /** Links (openUrl, images, files): title and url. */
  links: { title: string; url: string }[];
}

const HERO = 'application/vnd.microsoft.card.hero';
const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** Everything a message activity says, cards and suggested actions included. */
export function messageContent(activity: CoreActivity): MessageContent {
  const content: MessageContent = { paragraphs: [], options: [], links: [] };
  if (activity.text && activity.text.trim() !== '') content.paragraphs.push(activity.text);
  for (const attachment of activity.attachments ?? []) addAttachment(content, attachment);
  for (const action of activity.suggestedActions?.actions ?? []) addAction(content, action);
  return content;
}

function addAttachment(content: MessageContent, attachment: Attachment): void {
  const card = (attachment.content ?? {}) as Record<string, unknown>;
  switch (attachment.contentType) {
    case HERO:
    case THUMBNAIL: {
      for (const key of ['title', 'subtitle', 'text']) {
        const value = card[key];
        if (typeof value === 'string' && value.trim() !== '') content.paragraphs.push(value);
      }
      for (const image of asList(card.images)) {
        const url = (image as { url?: unknown }).url;
        if (typeof url === 'string') content.links.push({ title: String((image as { alt?: unknown }).alt ?? 'Image'), url });
      }
      for (const button of asList(card.buttons)) addAction(content, button as CardAction);
      return;
    }
    case ADAPTIVE: {
      const fallback = card.fallbackText;
      if (typeof fallback === 'string' && fallback.trim() !== '') {
        content.paragraphs.push(fallback);
      } else {
        collectAdaptiveText(card.body, content.paragraphs);
      }
      for (const action of asList(card.actions)) {
        const a = action as { type?: string; title?: string; url?: string };
        if (a.type === 'Action.OpenUrl' && a.url) content.links.push({ title: a.title ?? a.url, url: a.url });
        else if (a.title) content.options.push(a.title);
      }
      return;
    }
    default:
      if (attachment.contentUrl) content.links.push({ title: attachment.name ?? 'Attachment', url: attachment.contentUrl });
  }
}

function addAction(content: MessageContent, action: CardAction | undefined): void {
  if (!action) return;
  const title = action.title || (typeof action.value === 'string' ? action.value : '') || action.text || '';
  if ((action.type === 'openUrl' || action.type === 'downloadFile' || action.type === 'playAudio' || action.type === 'playVideo' || action.type === 'showImage') && typeof action.value === 'string') {
    content.links.push({ title: title || action.value, url: action.value });
  } else if (title) {
    content.options.push(title);
  }
}

function collectAdaptiveText(elements: unknown, into: string[]): void {
  for (const element of asList(elements)) {
    const e = element as { type?: string; text?: unknown; items?: unknown; columns?: unknown; facts?: unknown };
    if (e.type === 'TextBlock' && typeof e.text === 'string') into.push(e.text);
    if (e.type === 'FactSet') {
      for (const fact of asList(e.facts)) {
        const f = fact as { title?: string; value?: string };
        into.push(`${f.title ?? ''}: ${f.value ?? ''}`);
      }
    }
    collectAdaptiveText(e.items, into);
    collectAdaptiveText(e.columns, into);
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The content as plain text: paragraphs, then numbered options, then links. */
export function renderPlain(content: MessageContent): string {
  const blocks = [...content.paragraphs];
  if (content.options.length) blocks.push(content.options.map((option, i) => `${i + 1}. ${option}`).join('\n'));
  if (content.links.length) blocks.push(content.links.map((l) => (l.title === l.url ? l.url : `${l.title}: ${l.url}`)).join('\n'));
  return blocks.join('\n\n');
}

/** Escapes text for an html line, keeping line breaks. */
export function escapeHtml(text: string): string {
  return encode(text, { mode: 'specialChars' }).replace(/\r?\n/g, '<br>');
}

/** LivePerson's recommended wrapper: the agent UI renders lines inside a div. */
export function wrapHtml(inner: string): string {
  return `<div dir='ltr' style='direction:ltr;text-align:left;'>${inner}</div>`;
}

/** The content as html: escaped paragraphs, an ordered list of options, clickable links. */
export function renderHtml(content: MessageContent): string {
  const parts = content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (content.options.length) parts.push(`<ol>${content.options.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ol>`);
  for (const link of content.links) {
    if (!/^https?:\/\//i.test(link.url)) continue; // no javascript: or data: links in an agent's line
    parts.push(`<p><a href="${encode(link.url, { mode: 'specialChars' })}" target="_blank">${escapeHtml(link.title)}</a></p>`);
  }
  return wrapHtml(parts.join(''));
}

/** Elements LivePerson does not allow in an html line (scripts, frames, embedded objects), dropped with their content. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link']);
/** Attributes holding a URL: only http(s), mailto, tel and relative URLs are kept. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background']);
const SAFE_URL = /^(?:https?:|mailto:|tel:|[^:]*$)/i;

/**
 * A bot-written html line made to follow LivePerson's rules for html lines: no scripts, iframes or
 * DOM actions (event handler attributes, `javascript:` URLs), and links open in a new window
 * (`target="_blank"`, as LiveEngage rewrites them). Everything else is kept as written. Parsed
 * with htmlparser2, not patched with regular expressions, so nesting tricks do not slip through.
 */
export function conformHtml(html: string): string {
  const document = parseDocument(html, { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true });
  let changed = false;
  const drop = (nodes: ChildNode[], node: ChildNode): void => {
    nodes.splice(nodes.indexOf(node), 1);
    changed = true;
  };
  const visit = (nodes: ChildNode[]): void => {
    for (const node of [...nodes]) {
      if (!(node instanceof Element)) {
        // Comments and processing instructions can hide conditional markup: drop them.
        if (node.type === 'comment' || node.type === 'directive') drop(nodes, node);
        continue;
      }
      if (FORBIDDEN_ELEMENTS.has(node.name)) {
        drop(nodes, node);
        continue;
      }
      for (const name of Object.keys(node.attribs)) {
        const value = node.attribs[name] ?? '';
        const squeezed = value.replace(/[\u0000-\u0020]/g, '');
        if (name.startsWith('on') || (URL_ATTRIBUTES.has(name) && !SAFE_URL.test(squeezed)) || /expression\s*\(|javascript:/i.test(name === 'style' ? value : '')) {
          delete node.attribs[name];
          changed = true;
        }
      }
      if (node.name === 'a' && node.attribs.target !== '_blank') {
        node.attribs.target = '_blank';
        changed = true;
      }
      visit(node.children);
    }
  };
  visit(document.children);
  // Html that already follows the rules goes out exactly as the bot wrote it.
  return changed ? render(document, { decodeEntities: false, encodeEntities: false }) : html;
}

/**
 * Splits a long text into pieces of at most `max` characters, at a paragraph, line or word boundary
 * where there is one (a word longer than `max` is cut). Only the white space at each cut is dropped.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' '));
    if (cut <= 0) cut = max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}
