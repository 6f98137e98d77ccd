/**
 * The one message protocol between the extension host and its webviews. Both sides import these types;
 * nothing else is posted. The webview announces `ready` once its script runs, and only then gets `render`.
 */
import type { PanelTarget, PanelView } from '../core/panels/panelModels';

export type { PanelTarget, PanelView };

export type HostToWebview = { readonly type: 'render'; readonly view: PanelView };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly target: PanelTarget }
  | { readonly type: 'openSourceFile'; readonly file: string }
  | { readonly type: 'copy'; readonly text: string };

/** Persisted with `vscode.setState` so a serializer can restore the panel after a window reload. */
export interface PanelState {
  readonly target: PanelTarget;
  readonly scrollY?: number;
}

export const PANEL_VIEW_TYPE = 'literatureCompanion.panel';

export function isPanelTarget(value: unknown): value is PanelTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as { kind?: unknown; id?: unknown };
  return (target.kind === 'paper' || target.kind === 'challenge') && typeof target.id === 'string';
}
