import { compileExamples, docExamples, tsdocExamples } from './examples';

describe('code examples', () => {
  it('finds the examples of the docs and of the TSDoc (the check is not vacuous)', () => {
    expect(docExamples().length).toBeGreaterThan(10);
    expect(tsdocExamples().length).toBeGreaterThan(20);
  });

  it('every ```ts block of the docs and every TSDoc @example compiles against the packages', () => {
    expect(compileExamples([...docExamples(), ...tsdocExamples()])).toEqual([]);
  }, 120_000);
});
