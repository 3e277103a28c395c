import { installPageHideFlush } from '../../../src/platform/browser/page-lifecycle.js';

/** A page's `window` and `document` as real EventTargets (Node has them), visibility settable. */
function fakePage(): { scope: EventTarget & { document: EventTarget & { visibilityState: string } } } {
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  return { scope: Object.assign(new EventTarget(), { document }) };
}

describe('installPageHideFlush', () => {
  it('flushes on pagehide and on visibilitychange to hidden, marking the page as hiding meanwhile', async () => {
    const { scope } = fakePage();
    const state = { hiding: false };
    const seen: boolean[] = [];
    const remove = installPageHideFlush(() => (seen.push(state.hiding), Promise.resolve()), state, scope);
    scope.dispatchEvent(new Event('pagehide'));
    scope.dispatchEvent(new Event('pageshow'));
    expect(state.hiding).toBe(false);
    await Promise.resolve();
    scope.document.dispatchEvent(new Event('visibilitychange')); // still visible: no flush
    scope.document.visibilityState = 'hidden';
    scope.document.dispatchEvent(new Event('visibilitychange'));
    expect(seen).toEqual([true, true]);
    remove();
    scope.dispatchEvent(new Event('pagehide'));
    expect(seen).toHaveLength(2);
  });

  it('flushes once when leaving fires both events while the flush runs', () => {
    const { scope } = fakePage();
    const flush = jest.fn(() => new Promise<void>(() => undefined));
    installPageHideFlush(flush, { hiding: false }, scope);
    scope.document.visibilityState = 'hidden';
    scope.document.dispatchEvent(new Event('visibilitychange'));
    scope.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('installs nothing in a worker (no document)', () => {
    const flush = jest.fn(() => Promise.resolve());
    const scope = new EventTarget();
    installPageHideFlush(flush, { hiding: false }, scope)();
    scope.dispatchEvent(new Event('pagehide'));
    expect(flush).not.toHaveBeenCalled();
  });
});
