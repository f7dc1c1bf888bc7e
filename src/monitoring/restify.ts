import type { Registry, RegistryContentType } from 'prom-client';
import type { Next, Request, RequestHandler, Response } from 'restify';

/**
 * A restify handler answering a Prometheus scrape: the registry's metrics in its content type
 * (text exposition format 0.0.4, or OpenMetrics when the registry is set to it).
 *
 * ```ts
 * server.get('/metrics', metricsHandler(metrics.registry));   // or metricsHandler(metrics)
 * ```
 */
export function metricsHandler(source: Registry<RegistryContentType> | { registry: Registry<RegistryContentType> }): RequestHandler {
  const registry = source && 'registry' in source && source.registry ? source.registry : (source as Registry<RegistryContentType>);
  if (!registry || typeof registry.metrics !== 'function') {
    throw new TypeError('metricsHandler(): give a prom-client Registry or a LiveEngageMetrics.');
  }
  return function liveEngageMetrics(_req: Request, res: Response, next: Next): void {
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
        res.end(body);
        next(false);
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
