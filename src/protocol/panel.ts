/** Messages between the host and the companion panel (paper, challenge and claim pages). */
import type { ExcerptTarget } from '../core/excerpt/excerptView';
import type { PanelTarget, PanelView } from '../core/panels/panelViews';
import { inboundGuard, isReady, isRecord, isShortText, MAX_COPY_CHARS, type ReadyMessage } from './common';
import { isSafeExcerptTarget } from './excerpt';

export type { PanelTarget, PanelView };

export const PANEL_VIEW_TYPE = 'literatureCompanion.panel';

export type HostToPanel = { readonly type: 'render'; readonly view: PanelView };

export type PanelToHost =
  | ReadyMessage
  | { readonly type: 'open'; readonly target: PanelTarget }
  | { readonly type: 'openSourceFile'; readonly file: string }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'openExcerpt'; readonly target: ExcerptTarget };

/** Persisted with `vscode.setState` so a serializer can restore the panel after a window reload. */
export interface PanelState {
  readonly target: PanelTarget;
  readonly scrollY?: number;
}

export function isPanelTarget(value: unknown): value is PanelTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as { kind?: unknown; id?: unknown };
  if (target.kind === 'claim') return typeof target.id === 'string' && typeof (value as { document?: unknown }).document === 'string';
  return (target.kind === 'paper' || target.kind === 'challenge') && typeof target.id === 'string';
}

/** A page links papers and challenges only; a claim panel is opened by the host, never by a page. */
export function isLinkTarget(value: unknown): value is Exclude<PanelTarget, { kind: 'claim' }> {
  if (!isRecord(value) || !isPanelTarget(value) || value.kind === 'claim' || !isShortText(value.id, 200)) return false;
  const focus = (value as Record<string, unknown>).focus;
  if (focus === undefined) return true;
  return value.kind === 'challenge' && isRecord(focus) && isShortText(focus.paper, 200) && Number.isInteger(focus.quote) && (focus.quote as number) >= 0;
}

/** Links a page may follow: papers and challenges (isLinkTarget), and a quote in its PDF. The map page has them too. */
export const linkChecks = {
  open: (message: Record<string, unknown>) => isLinkTarget(message.target),
  openExcerpt: (message: Record<string, unknown>) => isSafeExcerptTarget(message.target),
};

/** The host's check of everything the panel page posts. */
export const isPanelInbound = inboundGuard<PanelToHost>({
  ready: isReady,
  ...linkChecks,
  openSourceFile: (message) => isShortText(message.file, 4096),
  copy: (message) => isShortText(message.text, MAX_COPY_CHARS),
});
