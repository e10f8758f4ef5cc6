/**
 * The web UI's files, Chart.js from the installed package (no CDN), and the modules the UI shares with
 * the CLI (estimative language, number formats, qualified names, CSV cells, the seed rule), with headers that let the page load only its own scripts.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, Router } from 'express';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Powerful features the UI never uses, switched off for it and anything it could embed. */
const PERMISSIONS = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'interest-cohort=()',
].join(', ');

/**
 * Modules of the engine's presentation code that have no imports, served to the browser as they are, so
 * the UI formats numbers and words probabilities exactly as the CLI does.
 */
const SHARED_MODULES: Record<string, string> = {
  'estimative.js': '../analysis/estimative.js',
  'format.js': '../present/format.js',
  'wilson.js': '../analysis/wilson.js',
  'qualifiedName.js': '../qualifiedName.js',
  'csvCell.js': '../present/csvCell.js',
  'parseSeed.js': '../random/parseSeed.js',
};

/** Headers for every response. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': CSP,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS,
  });
  next();
};

export function staticRoutes(webDir: string): Router {
  const router = Router();
  const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  router.use('/vendor/chart.js', express.static(chartDir, { index: false }));
  // The browser reads a run's server-sent events with fetch (so they carry its token) through this parser.
  const parserDir = dirname(createRequire(import.meta.url).resolve('eventsource-parser'));
  router.use('/vendor/eventsource-parser', express.static(parserDir, { index: false }));
  for (const [name, file] of Object.entries(SHARED_MODULES)) {
    const path = fileURLToPath(new URL(file, import.meta.url));
    router.get(`/lib/${name}`, (_req, res) => {
      res.type('text/javascript').sendFile(path);
    });
  }
  router.use(express.static(webDir, { index: 'index.html' }));
  return router;
}
