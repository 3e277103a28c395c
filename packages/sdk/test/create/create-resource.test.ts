import type { ResolvedConfig } from '../../src/config/resolved-config';
import { createResource } from '../../src/create/create-resource';
import { resolvedConfig } from '../support/resolved-config';

const config = (overrides: Partial<ResolvedConfig>): ResolvedConfig => resolvedConfig({ serviceName: 'weather-mcp', ...overrides });

describe('createResource', () => {
  it('carries service identity, telemetry.sdk.* and configured attributes', () => {
    const resource = createResource(config({ serviceVersion: '1.2.3', resourceAttributes: { 'deployment.environment.name': 'prod', 'host.cores': 2 } }), 'instance-1');
    expect(resource.attributes).toMatchObject({
      'service.name': 'weather-mcp',
      'service.version': '1.2.3',
      'service.instance.id': 'instance-1',
      'telemetry.sdk.language': 'nodejs',
      'telemetry.sdk.name': 'opentelemetry',
      'deployment.environment.name': 'prod',
      'host.cores': 2,
    });
  });

  it('lets serviceName beat a service.name given among the resource attributes', () => {
    const resource = createResource(config({ resourceAttributes: { 'service.name': 'other' } }), 'id');
    expect(resource.attributes['service.name']).toBe('weather-mcp');
  });

  it('keeps an explicit service.instance.id and otherwise generates a UUID per call', () => {
    expect(createResource(config({ resourceAttributes: { 'service.instance.id': 'pod-7' } })).attributes['service.instance.id']).toBe('pod-7');
    const a = createResource(config({})).attributes['service.instance.id'];
    const b = createResource(config({})).attributes['service.instance.id'];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('omits service.version when none is configured', () => {
    expect(createResource(config({}), 'id').attributes).not.toHaveProperty('service.version');
  });
});
