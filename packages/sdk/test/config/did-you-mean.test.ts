import { didYouMean, editDistance } from '../../src/config/did-you-mean.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['port', 'port', 0],
    ['prot', 'port', 1],
    ['promethus', 'prometheus', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['ca', 'abc', 3],
  ])('%p -> %p is %p', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('didYouMean', () => {
  const keys = ['enabled', 'serviceName', 'collectionInterval', 'exporters', 'samplingRate', 'components', 'histogramBuckets', 'port', 'path', 'host', 'type'];

  it.each([
    ['collectionIntervall', 'collectionInterval'],
    ['prot', 'port'],
    ['histogramBucket', 'histogramBuckets'],
    ['service_name', 'serviceName'],
    ['ServiceName', 'serviceName'],
    ['exporter', 'exporters'],
    ['tpye', 'type'],
    ['compon', 'components'],
  ])('suggests %p -> %p', (word, suggestion) => {
    expect(didYouMean(word, keys)).toBe(suggestion);
  });

  it.each(['colour', 'x', 'metrics', 'timeout', 'p'])('suggests nothing for %p', (word) => {
    expect(didYouMean(word, keys)).toBeUndefined();
  });

  it('suggests nothing for an ambiguous abbreviation', () => {
    expect(didYouMean('pa', ['path', 'partition'])).toBeUndefined();
  });
});
