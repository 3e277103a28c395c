/**
 * The package version, sent in the OTLP exporter's `User-Agent` (`mcp-otel/<version>`). Kept equal
 * to package.json by a test; `npm run version-packages` (changeset version, then
 * scripts/sync-version-constants.mjs) updates it.
 */
export const SDK_VERSION = '0.1.0';
