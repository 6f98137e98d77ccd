/// <reference lib="dom" />
// What every webview script of the companion shares: the typed VS Code API and safe element building.
import type { WebviewToHost } from '../protocol/messages';

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

/** Builds an element; text is always set as text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}
