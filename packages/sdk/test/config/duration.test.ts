import { ConfigError } from '../../src/config/config-error.js';
import { parseDuration } from '../../src/config/duration.js';

describe('parseDuration', () => {
  it.each([
    [0, 0],
    [250, 250],
    [0.5, 0.5],
    ['500ms', 500],
    ['15s', 15_000],
    ['1.5m', 90_000],
    ['1h', 3_600_000],
    ['0s', 0],
    ['2.25s', 2250],
    ['1.1s', 1100],
    ['0.001ms', 0.001],
  ])('parses %p as %p ms', (input, ms) => {
    expect(parseDuration(input, 'x')).toBe(ms);
  });

  it.each([-1, NaN, Infinity, '', 'soon', '-5s', '5 s', '5sec', '1e3ms', 's', '.5s', '5S', '1d'])('rejects %p', (input) => {
    expect(() => parseDuration(input, 'timeout')).toThrow(ConfigError);
  });

  it('names the path and the accepted forms', () => {
    expect(() => parseDuration('soon', 'exporters[0].timeout')).toThrow(
      'exporters[0].timeout: got "soon", expected a duration: milliseconds as a number, or a string like "500ms", "15s", "1.5m", "1h"',
    );
  });

  it('suggests a unit for a bare number string', () => {
    let error: unknown;
    try {
      parseDuration('500', 'collectionInterval');
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).issues).toEqual([
      {
        path: 'collectionInterval',
        value: '500',
        expected: 'a duration: milliseconds as a number, or a string like "500ms", "15s", "1.5m", "1h"',
        message: 'got "500", expected a duration: milliseconds as a number, or a string like "500ms", "15s", "1.5m", "1h"; did you mean "500ms"?',
        suggestion: '500ms',
      },
    ]);
  });
});
