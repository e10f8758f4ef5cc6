/**
 * Server-sent events: a response kept open that carries `event:`/`data:` frames. A comment line every
 * 15 s keeps proxies from closing an idle stream.
 */
import type { Response } from 'express';

export interface EventStream {
  send(event: string, data: unknown): void;
  close(): void;
  /** Called when the client goes away. */
  onClose(listener: () => void): void;
}

const HEARTBEAT_MS = 15_000;

export function openEventStream(res: Response): EventStream {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.write('retry: 2000\n\n');
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const listeners: (() => void)[] = [];
  let open = true;
  const stop = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    for (const l of listeners) l();
  };
  res.on('close', stop);
  return {
    send(event, data) {
      if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      stop();
      res.end();
    },
    onClose(listener) {
      listeners.push(listener);
    },
  };
}
