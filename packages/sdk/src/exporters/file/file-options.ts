/** What the file holds. */
export type FileFormat = 'jsonl' | 'prometheus';

/** When the `jsonl` file is rotated. */
export interface FileRotationOptions {
  /** Rotate before a write would take the file past this size (bytes). */
  maxBytes: number;
  /** Files kept, the one being written included: `path`, `path.1` ... `path.<maxFiles-1>`. */
  maxFiles: number;
  /** Also rotate when the file has been written for this long (ms); `undefined`: size only. */
  intervalMs: number | undefined;
}

/**
 * Everything the file exporter needs, every default already applied (the resolved
 * `{ type: 'file' }` exporter config has this shape).
 */
export interface FileExporterOptions {
  /** The file written: `jsonl` appends to it, `prometheus` replaces it atomically. */
  path: string;
  /** `jsonl`: one OTLP/JSON `ExportMetricsServiceRequest` per line; `prometheus`: text exposition. */
  format: FileFormat;
  /** Size/time rotation of the `jsonl` file (a `prometheus` snapshot never grows). */
  rotation: FileRotationOptions;
  /** `prometheus` format: metric names without unit suffixes (see the Prometheus exporter's `withoutUnits`). @default false */
  withoutUnits?: boolean;
}
