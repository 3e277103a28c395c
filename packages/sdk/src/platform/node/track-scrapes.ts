import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExporterStatus, ExporterStatusBoard } from '../../health/exporter-status.js';

/**
 * A scrape handler that reports how each scrape ended to the exporter status board: a complete
 * answer below 400 is a success, a 5xx (a failed collection) a failure. A scraper that hangs up
 * early is neither.
 */
export function trackScrapes(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  board: ExporterStatusBoard,
  status: ExporterStatus,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    response.once('close', () => {
      if (response.statusCode >= 500) board.failed(status, `a scrape answered ${response.statusCode}`);
      else if (response.writableFinished && response.statusCode < 400) board.succeeded(status);
    });
    handler(request, response);
  };
}
