import type MarkdownItClass from 'markdown-it';
import { isAbsolute, relative, resolve } from 'node:path';
import { neutraliseBidi } from './untrustedText';

type MarkdownIt = InstanceType<typeof MarkdownItClass>;

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

let markdown: MarkdownIt | undefined;

/**
 * markdown-it and its dependencies are ~100 kB minified and no first screen needs them: they load when
 * the first summary is rendered. (In the extension build, esbuild.mjs turns this require into one of
 * dist/vendor-markdown-it.js, so the activation bundle does not carry it.)
 */
function renderer(): MarkdownIt {
  if (markdown) return markdown;
  // eslint-disable-next-line no-restricted-globals -- resolved by esbuild: its own lazy bundle on Node, inlined in the web bundle
  const create = require('markdown-it') as typeof MarkdownItClass;
  const instance = new create({ html: false, linkify: false, typographer: false });
  instance.validateLink = (url: string) => SAFE_SCHEMES.test(url.trim()) || isRelativePath(url.trim());
  const escape = instance.utils.escapeHtml;

  const defaultLinkOpen: NonNullable<typeof instance.renderer.rules.link_open> =
    instance.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  instance.renderer.rules.link_open = (tokens, index, options, env, self) => {
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

  instance.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const { imageFolder, imageUrl } = (env ?? {}) as MarkdownOptions;
    const file = localImage(String(token.attrGet('src') ?? ''), imageFolder);
    if (file && imageUrl) {
      const title = String(token.attrGet('title') ?? '');
      return `<img src="${escape(imageUrl(file))}" alt="${escape(alt)}"${title ? ` title="${escape(title)}"` : ''}>`;
    }
    return `<span class="image-alt">${escape(alt || 'image')}</span>`;
  };
  return (markdown = instance);
}

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
  return renderer().render(neutraliseBidi(source), { ...options });
}
