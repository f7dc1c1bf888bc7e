import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHANGE_EVENT, type PageChange } from '../controlApi.js';

/** Server-sent events of `change` for a live page: `GET /simulator/changes` (`PAGE_PATHS.changes`). */
export class ChangeStreams {
  private readonly open_ = new Set<ServerResponse>();

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    this.open_.add(res);
    req.on('close', () => this.open_.delete(res));
  }

  send(change: PageChange): void {
    if (this.open_.size === 0) return;
    const frame = `event: ${CHANGE_EVENT}\ndata: ${JSON.stringify(change)}\n\n`;
    for (const res of this.open_) res.write(frame);
  }

  closeAll(): void {
    for (const res of this.open_) res.end();
    this.open_.clear();
  }
}
