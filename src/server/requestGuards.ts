/**
 * Guards in front of every API route against attacks through a user's own browser: a `Host` that is not
 * one of this server's names (DNS rebinding: an attacker's name resolving to 127.0.0.1), and a changing
 * request that a cross-site page could send without a CORS preflight (a form or a `no-cors` fetch can
 * only send text/plain, form or multipart bodies, never `application/json`).
 */
import { hostname, networkInterfaces } from 'node:os';
import type { RequestHandler } from 'express';
import { HttpError } from './httpErrors.js';

/** Names this machine answers to: loopback, its host name, and its interfaces' addresses. */
export function servedNames(extra: readonly string[] = []): Set<string> {
  const names = new Set([
    'localhost',
    '127.0.0.1',
    '::1',
    hostname().toLowerCase(),
    `${hostname().toLowerCase()}.local`,
  ]);
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) names.add(a.address.toLowerCase());
  for (const name of extra) names.add(name.toLowerCase());
  return names;
}

/** The host name of a `Host` header, without port or IPv6 brackets. */
function hostOf(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/** Refuses a request whose `Host` is not one of `names` (421, JSON). */
export function hostCheck(names: ReadonlySet<string>): RequestHandler {
  return (req, _res, next) => {
    const host = req.get('host');
    if (host === undefined || !names.has(hostOf(host)))
      throw new HttpError(
        421,
        'E_HOST',
        'this server does not answer to that host name (allowedHosts lists the names it serves)',
        'Host',
      );
    next();
  };
}

const CHANGING = new Set(['POST', 'PUT', 'PATCH']);

/** Refuses a POST, PUT or PATCH that is not JSON, with a body or without (415, JSON). */
export const jsonChangesOnly: RequestHandler = (req, _res, next) => {
  if (CHANGING.has(req.method) && !/^application\/json\s*(;|$)/i.test(req.get('content-type') ?? ''))
    throw new HttpError(
      415,
      'E_CONTENT_TYPE',
      'send changes as JSON with Content-Type: application/json (an empty body is {})',
    );
  next();
};
