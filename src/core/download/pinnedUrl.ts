import { DownloadError } from './errors';

/**
 * The only addresses the extension downloads from: arXiv's PDF of one pinned version,
 * `https://arxiv.org/pdf/<new-style id><vN>`, exactly as the corpus's `pdfUrl` pins it. The corpus may
 * come from a workspace someone else wrote, so its `pdfUrl` is checked against the paper's own id and
 * version rather than trusted.
 */
const PINNED = /^https:\/\/arxiv\.org\/pdf\/(\d{4}\.\d{4,5})(v\d+)$/;
/** Hosts a pinned address may redirect to (arXiv serves the same files from its export mirror). */
const REDIRECT_HOSTS = new Set(['arxiv.org', 'export.arxiv.org']);
/** Only loopback, only plain http, only through an explicit option: what a test server on 127.0.0.1 needs. */
const TEST_ORIGIN = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;

export interface PinnedPaper {
  readonly id: string;
  readonly version: string;
  readonly pdfUrl: string;
}

export interface UrlPolicy {
  /**
   * Tests only: fetch the pinned path from this origin (`http://127.0.0.1:PORT`) instead of arxiv.org.
   * Never derived from a setting; the extension sets it only in its test mode.
   */
  readonly testOrigin?: string;
}

export function isValidTestOrigin(origin: string): boolean {
  return TEST_ORIGIN.test(origin);
}

/** The URL to fetch for a paper, or a 'not-allowed' error that says what was expected. */
export function pinnedDownloadUrl(paper: PinnedPaper, policy: UrlPolicy = {}): URL {
  const expected = `https://arxiv.org/pdf/${paper.id}${paper.version}`;
  const match = PINNED.exec(paper.pdfUrl);
  if (!match || match[1] !== paper.id || match[2] !== paper.version) {
    throw new DownloadError(
      'not-allowed',
      `Not downloading ${JSON.stringify(paper.pdfUrl)} for paper ${paper.id}: only the pinned arXiv address ${expected} is fetched. Fix "pdfUrl" in the paper's file, or attach the PDF.`,
      { url: paper.pdfUrl },
    );
  }
  if (policy.testOrigin === undefined) return new URL(paper.pdfUrl);
  if (!isValidTestOrigin(policy.testOrigin)) {
    throw new DownloadError('not-allowed', `The test origin ${JSON.stringify(policy.testOrigin)} is not http://127.0.0.1:PORT.`, { url: policy.testOrigin });
  }
  return new URL(`/pdf/${paper.id}${paper.version}`, policy.testOrigin);
}

/** Whether a redirect from `from` may be followed: same pinned file, https on arXiv (or the test origin). */
export function isAllowedRedirect(from: URL, to: URL, policy: UrlPolicy = {}): boolean {
  const samePath = to.pathname === from.pathname || to.pathname === `${from.pathname}.pdf`;
  if (!samePath || to.username || to.password) return false;
  if (policy.testOrigin !== undefined) return to.origin === policy.testOrigin && isValidTestOrigin(policy.testOrigin);
  return to.protocol === 'https:' && to.port === '' && REDIRECT_HOSTS.has(to.hostname);
}
