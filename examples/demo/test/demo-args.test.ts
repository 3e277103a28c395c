import { parseDemoArgs } from '../src/demo-args';

// Issue 9 item 8: `--help` answered "--help needs a non-negative number", and the metrics port had no flag.
describe('parseDemoArgs', () => {
  it('answers --help and -h with the usage', () => {
    expect(parseDemoArgs(['--help'])).toBe('help');
    expect(parseDemoArgs(['--rate', '2', '-h'])).toBe('help');
  });

  it('takes every option, --metrics-port included', () => {
    expect(parseDemoArgs(['--port', '0', '--metrics-port', '9999', '--rate', '2.5', '--duration', '30'])).toEqual({ port: 0, metricsPort: 9999, rate: 2.5, durationSeconds: 30 });
    expect(parseDemoArgs([])).toEqual({ port: 3000, metricsPort: undefined, rate: 5, durationSeconds: undefined });
  });

  it('names the option, what it needs and what it got', () => {
    expect(() => parseDemoArgs(['--metrics-port', '70000'])).toThrow('--metrics-port needs a port 0..65535, got "70000".');
    expect(() => parseDemoArgs(['--rate', '0'])).toThrow('--rate needs a number above 0, got "0".');
    expect(() => parseDemoArgs(['--port'])).toThrow('--port needs a port 0..65535, got nothing.');
    expect(() => parseDemoArgs(['--verbose'])).toThrow('unknown option "--verbose".');
  });
});
