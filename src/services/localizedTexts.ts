import * as vscode from 'vscode';
import { translatedTexts, type DisplayTexts } from '../core/l10n/displayText';

const cache = new WeakMap<DisplayTexts<string>, DisplayTexts<string>>();

/**
 * A table of English display texts (declared in core or the webview protocol) in VS Code's display
 * language: each message looked up in l10n/bundle.l10n.<language>.json, English where it has none.
 * The language is fixed for a window's life (changing it reloads the window), so each table is built once.
 */
export function localized<Key extends string>(english: DisplayTexts<Key>): DisplayTexts<Key> {
  let texts = cache.get(english);
  if (!texts) {
    texts = translatedTexts(english, vscode.env.language, (message) => vscode.l10n.t(message));
    cache.set(english, texts);
  }
  return texts as DisplayTexts<Key>;
}
