/**
 * What every webview protocol shares: the `ready` handshake (a page announces itself once its script runs,
 * and only then gets content), the dark-page setting of the PDF pages, how pdf.js reports its start, and
 * the checks the host's guards are built from.
 *
 * Inbound guards: a webview is a page that renders corpus text. If a bug ever let content run script there,
 * every message it posts is the attacker's, so the host checks each message's shape (never a cast) and
 * each webview may send only the messages its own page sends (see panel.ts, excerpt.ts, map.ts, viewer.ts).
 */

export type ReadyMessage = { readonly type: 'ready' };

export type DarkPageMode = 'dim' | 'invert' | 'off';
export const DARK_PAGE_MODES: readonly DarkPageMode[] = ['dim', 'invert', 'off'];

/** How pdf.js started in a PDF webview: its worker (from a blob: URL) or the main-thread fallback. */
export type PdfStartedMessage = { readonly type: 'pdfStarted'; readonly mode: 'worker' | 'main-thread'; readonly ms: number };

/** Longer than any quote or summary a person would copy; a bound on what the clipboard is handed. */
export const MAX_COPY_CHARS = 1_000_000;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A 1-based page number of a PDF (bounded like the corpus's pages). */
export const isPage = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100_000;
export const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
export const isShortText = (value: unknown, max = 10_000): value is string => typeof value === 'string' && value.length <= max;
export const isDuration = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

export function isPdfStarted(value: Record<string, unknown>): boolean {
  return (value.mode === 'worker' || value.mode === 'main-thread') && isDuration(value.ms);
}

/**
 * The guard of one page's messages: each message type the page sends, with the check of its fields. Any
 * other type (another page's, or an inherited name such as `__proto__`) is refused.
 */
export function inboundGuard<T extends { readonly type: string }>(checks: { readonly [K in T['type']]: (message: Record<string, unknown>) => boolean }): (value: unknown) => value is T {
  const byType: Readonly<Record<string, (message: Record<string, unknown>) => boolean>> = checks;
  return (value: unknown): value is T => isRecord(value) && typeof value.type === 'string' && Object.hasOwn(byType, value.type) && byType[value.type]!(value);
}

/** `ready` has no fields to check. */
export const isReady = (): boolean => true;
