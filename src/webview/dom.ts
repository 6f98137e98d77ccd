/// <reference lib="dom" />
// What every webview script of the companion shares: the typed VS Code API and safe element building.
import type { WebviewToHost } from '../protocol/messages';
import { neutraliseBidi } from '../core/render/untrustedText';
import { receivedTexts, say, sayCount, TEXTS_DATA_KEY, type DisplayTexts, type TextArgument } from '../protocol/webviewText';

export interface VsCodeApi<State, Message = WebviewToHost> {
  postMessage(message: Message): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi<State, Message>(): VsCodeApi<State, Message>;

/** The webview's API, typed with its own state and the messages its protocol allows it to post. */
export function vsCodeApi<State, Message = WebviewToHost>(): VsCodeApi<State, Message> {
  return acquireVsCodeApi<State, Message>();
}

/**
 * Builds an element; text is always set as text, never parsed as HTML, and direction controls in it are
 * neutralised (shown text and tooltips; data attributes keep the exact text, e.g. a quote to copy).
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, name === 'title' || name === 'aria-label' ? neutraliseBidi(value) : value);
  for (const child of children) if (child !== undefined) element.append(typeof child === 'string' ? neutraliseBidi(child) : child);
  return element;
}

/** A title that may be any length: clamped to a few lines by the stylesheet, the whole text in its tooltip. */
export function titleText<K extends 'h1' | 'h3' | 'a' | 'span'>(tag: K, attributes: Record<string, string>, text: string): HTMLElementTagNameMap[K] {
  return el(tag, { ...attributes, class: `${attributes.class ?? ''} clamped`.trim(), title: text }, text);
}

/** This page's words: what the host put in the body's data (translated), else the English of `english`. */
export interface PageTexts<Key extends string> {
  readonly locale: string;
  /** A message, filled in. */
  (key: Key, ...args: readonly TextArgument[]): string;
  /** A message with plural forms, for `count` (`{0}`), filled in with `args` from `{1}`. */
  count(key: Key, count: number, ...args: readonly TextArgument[]): string;
}

export function pageTexts<Key extends string>(english: DisplayTexts<Key>): PageTexts<Key> {
  const texts = receivedTexts(english, document.body.dataset[TEXTS_DATA_KEY]);
  const t = (key: Key, ...args: readonly TextArgument[]) => say(texts, key, ...args);
  return Object.assign(t, { locale: texts.locale, count: (key: Key, count: number, ...args: readonly TextArgument[]) => sayCount(texts, key, count, ...args) });
}
