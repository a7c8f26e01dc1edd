import type { RequestHandler } from 'express';

/**
 * The Content-Security-Policy of every UI response. Nothing loads unless named: scripts and
 * styles only from the registry's own files (no inline script, no inline style attributes), no
 * plugins, no framing, forms post only back here. An injected `<script>` could not run even if
 * escaping ever failed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Sets the UI's security headers; `same-origin` keeps the Origin header on the UI's own form posts (see same-origin.ts). */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  next();
};
