import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/** A resolved daemon address. */
export interface StatsdAddress {
  address: string;
  family: 4 | 6;
}

/** `dns.promises.lookup` with `all: true`; injectable so tests can count lookups. */
export type StatsdLookup = (host: string) => Promise<LookupAddress[]>;

const defaultLookup: StatsdLookup = (host) => dnsLookup(host, { all: true });

/**
 * Resolves the daemon host once and keeps the answer until `invalidate()` (called by the
 * transports on a send or connect failure, so a daemon that moved is found again). Concurrent
 * callers share one lookup. IPv4 is preferred: StatsD daemons commonly bind 127.0.0.1 only, while
 * `localhost` may resolve to `::1` first.
 */
export class StatsdAddressResolver {
  private cached: StatsdAddress | undefined;
  private pending: Promise<StatsdAddress> | undefined;

  constructor(
    private readonly host: string,
    private readonly lookup: StatsdLookup = defaultLookup,
  ) {
    const family = isIP(host);
    if (family !== 0) this.cached = { address: host, family: family === 6 ? 6 : 4 };
  }

  /** The cached address, or a fresh lookup. Rejects with the lookup error (e.g. `ENOTFOUND`). */
  resolve(): Promise<StatsdAddress> {
    if (this.cached !== undefined) return Promise.resolve(this.cached);
    this.pending ??= this.lookup(this.host)
      .then((answers) => {
        const chosen = answers.find((answer) => answer.family === 4) ?? answers[0];
        if (chosen === undefined) throw Object.assign(new Error(`no address for ${this.host}`), { code: 'ENOTFOUND' });
        this.cached = { address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
        return this.cached;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Forgets the cached address of a host name (IP literals are kept: there is nothing to refresh). */
  invalidate(): void {
    if (isIP(this.host) === 0) this.cached = undefined;
  }
}
