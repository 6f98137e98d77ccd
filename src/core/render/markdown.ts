import MarkdownIt from 'markdown-it';

/**
 * Markdown for summaries and descriptions. Corpus files may come from anyone, so raw HTML is off and links
 * are limited to web/mail addresses and the companion's own `paper:` / `challenge:` links, which become
 * in-panel navigation instead of navigation of the webview itself.
 */
const SAFE_SCHEMES = /^(https?:|mailto:|paper:|challenge:|#)/i;

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = (url: string) => SAFE_SCHEMES.test(url.trim());

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
  }
  return defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
