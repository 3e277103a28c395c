import type { AlertNotification, NotificationChannel } from './notification-types.js';

/** Writes one line of text; the default goes to stderr (stdout is the MCP stdio wire). */
export type LineWriter = (line: string) => void;

/**
 * One line per alert of each notification, on stderr:
 * `mcp-otel alert FIRING FlakyToolErrors{gen_ai_tool_name="flaky_fetch",severity="warning"} since 2026-…: <summary>`.
 */
export class ConsoleChannel implements NotificationChannel<AlertNotification> {
  readonly name: string;
  private readonly write: LineWriter;

  constructor(name = 'console', write: LineWriter = writeStderr) {
    this.name = name;
    this.write = write;
  }

  deliver(notification: AlertNotification): Promise<void> {
    for (const alert of notification.alerts) {
      const { alertname = '', ...labels } = alert.labels;
      const labelText = Object.entries(labels)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(',');
      const when = alert.status === 'firing' ? `since ${alert.startsAt}` : `at ${alert.endsAt}`;
      const text = alert.annotations.summary ?? alert.annotations.description;
      this.write(`mcp-otel alert ${alert.status.toUpperCase()} ${alertname}{${labelText}} ${when}${text === undefined ? '' : `: ${text}`}`);
    }
    return Promise.resolve();
  }
}

function writeStderr(line: string): void {
  const stderr = (globalThis as { process?: { stderr?: { write(text: string): unknown } } }).process?.stderr;
  if (stderr !== undefined) stderr.write(`${line}\n`);
  else console.error(line);
}
