import { compileExamples, docExamples, tsdocExamples } from './examples';

/**
 * Examples that arrived with issue 13 (merged from main) after this check was written; they use
 * names of the host they were written for. Each is to be made self-contained, then removed here:
 * this list may only shrink.
 */
const NOT_YET_CHECKED = [
  'packages/instrumentation/README.md',
  'packages/instrumentation/src/cache/instrument-cache.ts',
  'packages/instrumentation/src/component/track-component.ts',
  'packages/instrumentation/src/storage/instrument-storage.ts',
  'packages/instrumentation/src/wasm/instrument-wasm.ts',
  'packages/sdk/src/platform/node/runtime/start-runtime-metrics.ts',
];

describe('code examples', () => {
  it('finds the examples of the docs and of the TSDoc (the check is not vacuous)', () => {
    expect(docExamples().length).toBeGreaterThan(10);
    expect(tsdocExamples().length).toBeGreaterThan(20);
  });

  it('every ```ts block of the docs and every TSDoc @example compiles against the packages', () => {
    const problems = compileExamples([...docExamples(), ...tsdocExamples()]);
    expect(problems.filter((problem) => !NOT_YET_CHECKED.some((where) => problem.startsWith(where)))).toEqual([]);
  }, 120_000);
});
