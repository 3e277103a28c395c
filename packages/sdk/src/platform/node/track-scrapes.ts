import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExporterStatus, ExporterStatusBoard } from '../../health/exporter-status.js';

/**
 * A scrape handler that reports how each scrape ended to the exporter status board: a complete
 * answer below 400 is a success, a 500 (the collection failed) a failure. A scraper that hangs up
 * early, or a 503 for too many concurrent scrapes, is neither.
 */
export function trackScrapes(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  board: ExporterStatusBoard,
  status: ExporterStatus,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    response.once('close', () => {
      if (response.statusCode === 500) board.failed(status, 'a scrape answered 500 (collecting the metrics failed)');
      else if (response.writableFinished && response.statusCode < 400) board.succeeded(status);
    });
    handler(request, response);
  };
}
