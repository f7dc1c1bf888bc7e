import type { IncomingMessage } from 'node:http';
import restify from 'restify';
import { PAGE_PATHS } from '../controlApi.js';
import type { ChangeStreams } from './changeStreams.js';
import type { TlsMaterial } from './tls.js';
import { Dispatcher, withLength, type DispatcherDeps, type Route, type UrlRewrite } from './dispatch.js';

/**
 * The restify server: the `.json`-suffix rewrite, every route through the dispatcher, the change
 * stream, and LiveEngage-style bodies for what no route matches.
 */
export function createHttpServer(
  deps: Omit<DispatcherDeps, 'rewrites'>,
  routes: readonly Route[],
  streams: ChangeStreams,
  tls?: TlsMaterial,
): restify.Server {
  // With key and certificate restify serves https (node:https underneath), same routes.
  const server = restify.createServer({
    name: '',
    handleUncaughtExceptions: false,
    ...(tls ? { key: tls.key, certificate: tls.cert } : {}),
  });
  const rewrites = new WeakMap<IncomingMessage, UrlRewrite>();
  const dispatcher = new Dispatcher({ ...deps, rewrites });

  // `/agentSession.json`, `/events.json?from=5`: the suffix selects JSON like `Accept` does.
  server.pre((req, _res, next) => {
    const original = req.url ?? '/';
    const queryAt = original.indexOf('?');
    const path = queryAt < 0 ? original : original.slice(0, queryAt);
    const jsonSuffix = path.endsWith('.json');
    if (jsonSuffix) req.url = path.slice(0, -'.json'.length) + (queryAt < 0 ? '' : original.slice(queryAt));
    rewrites.set(req, { originalUrl: original, jsonSuffix });
    next();
  });

  const register = {
    GET: server.get.bind(server),
    POST: server.post.bind(server),
    PUT: server.put.bind(server),
    DELETE: server.del.bind(server),
  };
  for (const route of routes) {
    register[route.method](route.path, (req: restify.Request, res: restify.Response, next: restify.Next) => {
      // The dispatcher answers every outcome itself; restify only needs to hear it is done.
      void dispatcher.run(route, req, res, { ...(req.params as Record<string, string>) }).then(
        () => next(),
        () => next(),
      );
    });
  }

  server.get(PAGE_PATHS.changes, (req: restify.Request, res: restify.Response, next: restify.Next) => {
    streams.open(req, res);
    next();
  });

  // restify answers these itself unless the response goes through its own writer.
  const unrouted =
    (status: 404 | 405) =>
    (req: restify.Request, res: restify.Response, _err: unknown, callback: () => void): void => {
      const reply = dispatcher.unrouted(req, status);
      res.sendRaw(reply.status, reply.body, withLength(reply));
      callback();
    };
  server.on('NotFound', unrouted(404));
  server.on('MethodNotAllowed', unrouted(405));
  return server;
}
