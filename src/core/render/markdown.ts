import type MarkdownItClass from 'markdown-it';

type MarkdownIt = InstanceType<typeof MarkdownItClass>;

/**
 * Markdown for summaries and descriptions. Corpus files may come from anyone, so raw HTML is off and links
 * are limited to web/mail addresses and the companion's own `paper:` / `challenge:` links, which become
 * in-panel navigation instead of navigation of the webview itself.
 */
const SAFE_SCHEMES = /^(https?:|mailto:|paper:|challenge:|#)/i;

let markdown: MarkdownIt | undefined;

/**
 * markdown-it and its dependencies are ~100 kB minified and no first screen needs them: they load when
 * the first summary is rendered. (In the extension build, esbuild.mjs turns this require into one of
 * dist/vendor-markdown-it.js, so the activation bundle does not carry it.)
 */
function renderer(): MarkdownIt {
  if (markdown) return markdown;
  const create = require('markdown-it') as typeof MarkdownItClass;
  const instance = new create({ html: false, linkify: false, typographer: false });
  instance.validateLink = (url: string) => SAFE_SCHEMES.test(url.trim());
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
    }
    return defaultLinkOpen(tokens, index, options, env, self);
  };
  return (markdown = instance);
}

export function renderMarkdown(source: string): string {
  return renderer().render(source);
}
