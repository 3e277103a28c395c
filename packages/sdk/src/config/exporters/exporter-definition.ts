import type { EnvReader } from '../env/env-reader.js';
import type { ResolvedExporter } from '../resolved-config.js';
import type { ExporterConfig } from '../types.js';

type Fields<C> = Omit<C, 'type'>;

/** For each field an environment variable can set: how to read it (lazily, through `EnvReader`). */
export type EnvFields<C> = { readonly [K in keyof Fields<C>]?: (env: EnvReader) => Fields<C>[K] | undefined };

/** Fields merged key by key instead of replaced (OTLP `headers`): `high` wins per key. */
export type FieldMergers<C> = {
  readonly [K in keyof Fields<C>]?: (high: NonNullable<Fields<C>[K]>, low: NonNullable<Fields<C>[K]>) => Fields<C>[K];
};

/**
 * Everything the config pipeline knows about one exporter type, besides its zod schema (which the
 * registry needs by its concrete type for the discriminated union). Adding an exporter type is one
 * file exporting its schema and definition, plus one entry in `exporter-registry.ts`.
 */
export interface ExporterDefinition<C extends ExporterConfig, R extends ResolvedExporter> {
  readonly type: C['type'];
  /** Fields that environment variables can set (see `fillFromEnv` for the precedence). */
  readonly envFields: EnvFields<C>;
  readonly mergeFields?: FieldMergers<C>;
  /**
   * Environment variables other SDKs read for this exporter type that this one does not, each with
   * what to do instead. Set (with an exporter of this type configured), each is an issue: a
   * variable the user set must not be ignored silently.
   */
  readonly unsupportedEnv?: Readonly<Record<string, string>>;
  /** Applies every default of this exporter type, with `??`. */
  normalize(config: C): R;
}
