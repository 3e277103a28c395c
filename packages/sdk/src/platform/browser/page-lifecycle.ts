/** Whether the page is going away (set by the page-hide hook, read by the OTLP exporter). */
export interface PageState {
  hiding: boolean;
}

/** The part of `window`/`document` the hook uses (copied shapes: no DOM types needed to build). */
interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}
interface DocumentLike extends EventTargetLike {
  readonly visibilityState?: string;
}

/**
 * Flushes when the page goes away: on `pagehide` (navigation, tab close, bfcache) and on
 * `visibilitychange` to `hidden` (the last event a mobile browser reliably fires). While it
 * flushes, `state.hiding` is true, so the exporter picks a request that outlives the page (fetch
 * `keepalive`, else `sendBeacon`). A dedicated or shared worker has no page: nothing is installed
 * there and the returned remover does nothing. A flush still running absorbs the next event.
 * Returns a function that removes the listeners.
 */
export function installPageHideFlush(flush: () => Promise<void>, state: PageState, scope: object = globalThis): () => void {
  const page = scope as Partial<EventTargetLike> & { document?: DocumentLike };
  const document = page.document;
  if (typeof page.addEventListener !== 'function' || document === undefined || typeof document.addEventListener !== 'function') return () => undefined;
  // Leaving a page fires both events at once: one flush, not two requests with the same points.
  let flushing: Promise<void> | undefined;
  const hide = (): void => {
    state.hiding = true;
    flushing ??= flush().finally(() => (flushing = undefined));
  };
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden') hide();
    else state.hiding = false;
  };
  const onShow = (): void => {
    state.hiding = false;
  };
  page.addEventListener('pagehide', hide);
  page.addEventListener('pageshow', onShow);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    page.removeEventListener?.('pagehide', hide);
    page.removeEventListener?.('pageshow', onShow);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
