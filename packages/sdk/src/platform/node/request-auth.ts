import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { PrometheusAuthConfig } from '../../config/types.js';

/** Checks one request's credentials; `challenge` is the `WWW-Authenticate` value of a 401. */
export interface RequestAuth {
  allows(request: IncomingMessage): boolean;
  readonly challenge: string;
}

/**
 * The check for `auth`: the `Authorization` header must equal the expected one. Both are hashed
 * first and compared with `timingSafeEqual`, so neither the length nor any prefix of the secret
 * shows in the time an answer takes.
 */
export function createRequestAuth(auth: PrometheusAuthConfig): RequestAuth {
  const expected =
    auth.type === 'bearer' ? `Bearer ${auth.token}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  const expectedDigest = digest(expected);
  return {
    challenge: auth.type === 'bearer' ? 'Bearer realm="mcp-otel"' : 'Basic realm="mcp-otel", charset="UTF-8"',
    allows: (request) => {
      const given = request.headers.authorization;
      return typeof given === 'string' && timingSafeEqual(digest(normalizeScheme(given)), expectedDigest);
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The scheme is case-insensitive (RFC 9110): `bearer x` is `Bearer x`. */
function normalizeScheme(header: string): string {
  const space = header.indexOf(' ');
  if (space < 0) return header;
  const scheme = header.slice(0, space).toLowerCase();
  const canonical = scheme === 'bearer' ? 'Bearer' : scheme === 'basic' ? 'Basic' : header.slice(0, space);
  return canonical + header.slice(space);
}
