/** The package version, used as the meter (instrumentation scope) version. Kept equal to package.json by a test. */
export const VERSION = '0.1.0';
