/**
 * Admission control: the API serves at most `maxActiveRequests` requests at once and keeps at most
 * `maxStreams` progress streams open; beyond either, a request is refused at once with 429 and
 * `Retry-After`, before its body is read, so a crowd of clients queues at their end rather than piling up
 * memory and latency here. `GET /api/health` is never refused, so probes see the server alive under load.
 */
import type { RequestHandler } from 'express';
import { HttpError } from './httpErrors.js';

const busy = (what: string) =>
  new HttpError(429, 'E_BUSY', `the server is ${what}; try again shortly`, '', undefined, {
    'Retry-After': '1',
  });

export function admission(maxActiveRequests: number, maxStreams: number): RequestHandler {
  let active = 0;
  let streams = 0;
  return (req, res, next) => {
    if (req.path === '/health') return next();
    const stream = req.method === 'GET' && req.path.endsWith('/events');
    if (stream ? streams >= maxStreams : active >= maxActiveRequests)
      throw busy(stream ? `streaming progress to ${streams} clients` : `serving ${active} requests at once`);
    if (stream) streams++;
    else active++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (stream) streams--;
      else active--;
    };
    res.on('finish', release);
    res.on('close', release);
    next();
  };
}
