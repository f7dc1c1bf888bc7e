import type { ServerResponse } from 'node:http';
import type { Registry, RegistryContentType } from 'prom-client';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/**
 * The part of a response the handler writes to: node's `ServerResponse`, and so restify's and
 * Express's responses. Typed structurally so the package's types need no web framework's types.
 */
export type MetricsResponse = Pick<ServerResponse, 'writeHead' | 'end'>;

/** A `(req, res, next)` handler; `next`, when given, is called with the error of a failed scrape. */
export type MetricsRequestHandler = (req: unknown, res: MetricsResponse, next?: (error?: unknown) => void) => void;

/**
 * A handler answering a Prometheus scrape: the registry's metrics in its content type (text exposition
 * format 0.0.4, or OpenMetrics when the registry is set to it). It fits restify, Express and `node:http`.
 *
 * ```ts
 * server.get('/metrics', metricsHandler(metrics));          // restify or Express
 * http.createServer((req, res) => metricsHandler(metrics)(req, res));   // node:http
 * ```
 */
export function metricsHandler(source: Registry<RegistryContentType> | { registry: Registry<RegistryContentType> }): MetricsRequestHandler {
  const registry = source && 'registry' in source && source.registry ? source.registry : (source as Registry<RegistryContentType>);
  if (!registry || typeof registry.metrics !== 'function') {
    throw codedError(TypeError, 'metricsHandler(): give a prom-client Registry or a LiveEngageMetrics.', LiveEngageErrorCode.INVALID_ARGUMENT);
  }
  return function liveEngageMetrics(_req, res, next): void {
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
        // Answered: the chain ends here (restify and Express both finish on the response alone).
        res.end(body);
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        if (next) next(failure);
        else {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('metrics unavailable');
        }
      },
    );
  };
}
