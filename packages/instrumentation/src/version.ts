/**
 * The package version, used as the meter (instrumentation scope) version. Kept equal to
 * package.json by a test; `npm run version-packages` (changeset version, then
 * scripts/sync-version-constants.mjs) updates it.
 */
export const VERSION = '0.1.0';
