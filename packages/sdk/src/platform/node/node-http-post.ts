import http from 'node:http';
import https from 'node:https';
import type { HttpPost } from '../../alerts/notify/http-post.js';
import { DeliveryError } from '../../alerts/notify/http-post.js';

const MAX_BODY = 4_096;

/**
 * `HttpPost` over `node:http` / `node:https`: a fresh connection per request (no keep-alive agent,
 * so no socket outlives a notification or keeps the host alive), a deadline on the whole exchange,
 * and errors that never carry the URL (which may hold credentials).
 */
export const nodeHttpPost: HttpPost = (url, body, options) =>
  new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      reject(new DeliveryError(message, true));
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      fail('invalid URL');
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...options.headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length < MAX_BODY) text += chunk;
        });
        response.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: text.slice(0, MAX_BODY) });
        });
        response.on('error', (error) => fail(error.message));
      },
    );
    const timer = setTimeout(() => {
      fail(`no answer within ${options.timeoutMs} ms`);
      request.destroy();
    }, options.timeoutMs);
    timer.unref();
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(error.code ?? error.message);
    });
    request.end(body);
  });
