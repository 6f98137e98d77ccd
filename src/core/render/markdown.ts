import MarkdownIt from 'markdown-it';
import { isAbsolute, relative, resolve } from 'node:path';
import { neutraliseBidi } from './untrustedText';

/**
 * Markdown for summaries and descriptions. Corpus files may come from anyone, so raw HTML is off and links
 * are limited to web/mail addresses and the companion's own `paper:` / `challenge:` links, which become
 * in-panel navigation instead of navigation of the webview itself. Images are shown only from the corpus
 * folder (a remote image would be a request to someone else's server, and the webview blocks it anyway):
 * any other image shows its alt text.
 */
const SAFE_SCHEMES = /^(https?:|mailto:|paper:|challenge:|#)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A path with no scheme and no host: a file next to the corpus's own files (only images use these). */
function isRelativePath(url: string): boolean {
  return !HAS_SCHEME.test(url) && !url.startsWith('//') && !url.startsWith('\\');
}

export interface MarkdownOptions {
  /** The folder images may come from (the corpus folder); relative paths are resolved against it. */
  readonly imageFolder?: string;
  /** The address the webview loads a file of `imageFolder` from; without it no image is shown. */
  readonly imageUrl?: (file: string) => string;
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = (url: string) => SAFE_SCHEMES.test(url.trim()) || isRelativePath(url.trim());

const defaultLinkOpen: NonNullable<typeof markdown.renderer.rules.link_open> =
  markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const href = String(token.attrGet('href') ?? '');
  const internal = /^(paper|challenge):(.+)$/i.exec(href);
  if (internal) {
    token.attrSet('href', '#');
    token.attrSet('data-open-kind', internal[1]!.toLowerCase());
    token.attrSet('data-open-id', internal[2]!);
  } else if (!SAFE_SCHEMES.test(href.trim())) {
    // A relative link has nowhere to go inside a webview: keep its text, drop the address.
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'href');
  }
  return defaultLinkOpen(tokens, index, options, env, self);
};

markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const { imageFolder, imageUrl } = (env ?? {}) as MarkdownOptions;
  const file = localImage(String(token.attrGet('src') ?? ''), imageFolder);
  if (file && imageUrl) {
    const title = String(token.attrGet('title') ?? '');
    return `<img src="${markdown.utils.escapeHtml(imageUrl(file))}" alt="${markdown.utils.escapeHtml(alt)}"${title ? ` title="${markdown.utils.escapeHtml(title)}"` : ''}>`;
  }
  return `<span class="image-alt">${markdown.utils.escapeHtml(alt || 'image')}</span>`;
};

/** The file a relative image path names, when it stays inside `folder`. */
function localImage(src: string, folder: string | undefined): string | undefined {
  if (!folder || !isRelativePath(src)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(src.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  const file = resolve(folder, path);
  const inside = relative(folder, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : undefined;
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  return markdown.render(neutraliseBidi(source), { ...options });
}
