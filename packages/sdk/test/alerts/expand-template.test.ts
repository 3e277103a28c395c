import { expandTemplate, goFloat } from '../../src/alerts/expand-template';

describe('goFloat (Go %v / %.Ng of a float64, as Prometheus templates print $value)', () => {
  it.each([
    [0.1, undefined, '0.1'],
    [0.4666666666666667, undefined, '0.4666666666666667'],
    [123456, undefined, '123456'],
    [999999.5, undefined, '999999.5'],
    [1e6, undefined, '1e+06'],
    [1234567, undefined, '1.234567e+06'],
    [0.0001, undefined, '0.0001'],
    [0.00001, undefined, '1e-05'],
    [-2.5e-7, undefined, '-2.5e-07'],
    [Infinity, undefined, '+Inf'],
    [NaN, undefined, 'NaN'],
    [25, 4, '25'],
    [12345, 4, '1.234e+04'],
    [1200, 4, '1200'],
    [0.25, 4, '0.25'],
    [33.33333, 4, '33.33'],
  ])('%d with precision %s is %s', (value, precision, text) => {
    expect(goFloat(value, precision)).toBe(text);
  });
});

describe('expandTemplate', () => {
  it('fills $value, .Value, $labels and .Labels, with humanize, humanizePercentage and printf', () => {
    const labels = { tool: 'flaky', route: '/a' };
    expect(expandTemplate('{{ $labels.tool }} {{ .Labels.route }} {{ $value }} {{ .Value }}', labels, 0.5)).toBe('flaky /a 0.5 0.5');
    expect(expandTemplate('{{ $value | humanizePercentage }}', labels, 0.25)).toBe('25%');
    expect(expandTemplate('{{ $value | humanize }}', labels, 1234567)).toBe('1.235M');
    expect(expandTemplate('{{ $value | humanize }}', labels, 0.0025)).toBe('2.5m');
    expect(expandTemplate('{{ $value | printf "%.2f" }}', labels, 0.12345)).toBe('0.12');
    expect(expandTemplate('{{ $labels.missing }}|', labels, 1)).toBe('|');
  });

  it('leaves templates it does not know as written', () => {
    expect(expandTemplate('{{ range $i := .Alerts }}x{{ end }}', {}, 1)).toBe('{{ range $i := .Alerts }}x{{ end }}');
  });
});
