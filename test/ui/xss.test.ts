// Security UI test: a corpus, a PDF, an annotation file and a document name full of XSS payloads, opened in
// every panel, tooltip and hover of the real workbench (code-server 1.139.1 in Chromium). Nothing may run
// (each payload would set window.__xss or open a dialog), nothing may become markup, and the text must
// still be shown as text.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { createAnnotation, serializeAnnotationFile } from '../../src/core/annotations';
import { writeCorpus } from '../support/corpusFixture';
import { buildPdf, column } from '../support/pdfFixtures';
import { openWorkbench, row, showSideBar, screenshots, type Server } from './support';

// Each payload, if it ran, would set window.__xss (or parent.__xss) to 1.
const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=1">';
const IMG_BARE = '<img src=x onerror=window.__xss=1>';
const CLOSE_SCRIPT = '</script><script>window.__xss=1</script>';
const IFRAME = '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>';
const SVG = '<svg onload="window.__xss=1"></svg>';
const JS_LINK = '[click me](javascript:window.__xss=1)';

const PAPER = '2101.00001';
const CHALLENGE = '9.1';
const PAPER_TITLE = `Zebra ${SCRIPT} paper ${IMG}`;
const CHALLENGE_TITLE = `Quokka ${IMG} $(alert) challenge`;
/** A line of the PDF's text, and the stored quote that points at it. */
const PDF_QUOTE = `Reward hacking ${IMG_BARE} is shown in <b>bold</b> text.`;
const CLAIM = `Claim ${SCRIPT} that reward models ${IMG} can be hacked.`;
/** Linux allows these characters in a file name (no '/'), so the document's own name is a payload too. */
const DOCUMENT_NAME = `talk ${IMG_BARE}.md`;
const NOTE = `Note ${IMG} ${JS_LINK} $(alert) ${SCRIPT}`;

/**
 * Hostile LAYOUT rather than script: a right-to-left override that would make "invoice…fdp.exe" read as
 * "invoiceexe.pdf", an address Markdown escaping used to show as 127\.0\.0\.1, a 5,000-character title, a
 * 4,000-character word, a remote image in the summary, and markup where the first author's surname goes.
 */
const RLO = '\u202E';
const POP = '\u202C';
const LAYOUT_PAPER = '2101.00002';
const LAYOUT_TITLE = `invoice${RLO}fdp.exe${POP} from 127.0.0.1 ${'and a very long title '.repeat(230)}end`;
const LONG_WORD = 'W'.repeat(4000);

/** YAML single-quoted scalar: nothing in it is special but the quote itself. */
const yq = (text: string) => `'${text.replace(/'/g, "''")}'`;

const hostileMarkdown = (what: string) => `${what} starts. ${SCRIPT}

${IMG}

${JS_LINK} and [data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==) and <javascript:window.__xss=1> and <a href="javascript:window.__xss=1">raw anchor</a>

Inline JSON breaker ${CLOSE_SCRIPT} end.

${IFRAME}

${SVG}

<style>body { display: none }</style>

[A fine link](https://example.org/) ends the ${what}.
`;

let workspace: string;
let server: Server;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
/** What the workbench page logged about blocked markup (an inline handler from a tooltip, a remote image). */
const blocked: string[] = [];

function buildWorkspace(): void {
  workspace = mkdtempSync(join(tmpdir(), 'litcomp-xss-ws-'));
  const paper = `---
id: "${PAPER}"
title: ${yq(PAPER_TITLE)}
authors: [${yq(`Ada ${IMG} Lovelace`)}, ${yq(`Alan ${SCRIPT} Turing`)}]
year: 2021
venue: ${yq(`Venue ${SVG}`)}
version: v1
pdfUrl: https://arxiv.org/pdf/${PAPER}v1
bibtexKey: ${yq(`key${CLOSE_SCRIPT}`)}
---
${hostileMarkdown('Summary')}`;
  const challenge = `---
id: "${CHALLENGE}"
title: ${yq(CHALLENGE_TITLE)}
problems:
  - title: ${yq(`Problem ${SCRIPT} one ${IMG} $(alert)`)}
    kind: tractable
---
${hostileMarkdown('Description')}`;
  const evidence = `paper: "${PAPER}"
links:
  - challenge: "${CHALLENGE}"
    rationale: ${yq(`Rationale ${IMG} ${SCRIPT} ${JS_LINK}`)}
    evidence:
      - page: 1
        quote: ${yq(PDF_QUOTE)}
      - page: 1
        quote: ${yq(`Quote ${CLOSE_SCRIPT} ${SVG} ${IFRAME}`)}
        source: transcription
`;
  const layoutPaper = `---
id: "${LAYOUT_PAPER}"
title: ${yq(LAYOUT_TITLE)}
authors: [${yq(`Eve ${IMG}`)}, Bob Smith, Carol Jones]
year: 2022
venue: Layout Venue
version: v1
pdfUrl: https://arxiv.org/pdf/${LAYOUT_PAPER}v1
bibtexKey: layout2022
---
A word that never ends: ${LONG_WORD} and after it.

![tracking pixel](https://evil.example/pixel.png)
`;
  const layoutEvidence = `paper: "${LAYOUT_PAPER}"
links:
  - challenge: "${CHALLENGE}"
    rationale: Layout rationale.
    evidence:
      - page: 1
        quote: 'A quote of the layout paper.'
        source: transcription
`;
  const corpus = writeCorpus({
    [`papers/${PAPER}.md`]: paper,
    [`taxonomy/${CHALLENGE}.md`]: challenge,
    [`evidence/${PAPER}.yaml`]: evidence,
    [`papers/${LAYOUT_PAPER}.md`]: layoutPaper,
    [`evidence/${LAYOUT_PAPER}.yaml`]: layoutEvidence,
  });

  const pdfFolder = join(workspace, 'pdfs');
  mkdirSync(pdfFolder);
  const lines = ['A hostile test paper', 'The model learns to exploit the reward model in many ways,', PDF_QUOTE, 'and this sentence follows the quote in the same paragraph.'];
  writeFileSync(join(pdfFolder, `${PAPER}.pdf`), buildPdf([{ texts: column(lines, 72, 700) }]));

  const text = `# A talk\n\nIntro line.\n\n${CLAIM}\n\nEnd.\n`;
  writeFileSync(join(workspace, DOCUMENT_NAME), text);
  const start = text.indexOf(CLAIM);
  const annotation = createAnnotation({
    document: DOCUMENT_NAME,
    text,
    start,
    end: start + CLAIM.length,
    verdict: 'contradicts',
    evidence: [{ paper: PAPER, version: 'v1', page: 1, quote: `Evidence ${CLOSE_SCRIPT} ${IMG}` }],
    note: NOTE,
  });
  mkdirSync(join(workspace, '.literature'));
  writeFileSync(join(workspace, '.literature', 'annotations.json'), serializeAnnotationFile([annotation], []));

  mkdirSync(join(workspace, '.vscode'));
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'literatureCompanion.corpusPath': corpus, 'literatureCompanion.pdfFolder': pdfFolder }, null, 2));
}

/** The webview (of several open) whose content shows `selector` with `text`. */
async function webviewShowing(selector: string, text: string | RegExp, timeout = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const count = await page.locator('iframe.webview.ready').count();
    for (let index = count - 1; index >= 0; index--) {
      const frame = page.frameLocator(`iframe.webview.ready >> nth=${index}`).frameLocator('#active-frame');
      if ((await frame.locator(selector, { hasText: text }).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} with ${text}`);
    await page.waitForTimeout(250);
  }
}

/** Elements a payload would have created, in a DOM (a webview's or the workbench's). */
const PAYLOAD_ELEMENTS = 'img[src="x"], iframe[srcdoc], svg[onload], [onerror], [onload], a[href^="javascript:" i], a[href^="data:" i]';

async function assertInert(frame: FrameLocator, where: string): Promise<string> {
  const body = frame.locator('body');
  assert.equal(await body.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined, `${where}: a payload ran`);
  const found = await body.evaluate((element, selector) => {
    const root = element.querySelector('#root') ?? element;
    return [...Array.from(root.querySelectorAll(selector)), ...Array.from(root.querySelectorAll('script, style, iframe, object, embed'))].map((node) => node.outerHTML);
  }, PAYLOAD_ELEMENTS);
  assert.deepEqual(found, [], `${where}: payload markup in the DOM`);
  return body.innerText();
}

/** No frame at all (workbench, webview hosts, webview content) has run a payload, and no dialog opened. */
async function assertNothingRan(where: string): Promise<void> {
  const ran: string[] = [];
  for (const frame of page.frames() as Frame[]) {
    const value = await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => undefined);
    if (value !== undefined) ran.push(frame.url());
  }
  assert.deepEqual(ran, [], `${where}: window.__xss set in these frames`);
  assert.deepEqual(dialogs, [], `${where}: dialogs opened`);
}

/** Hovers an element and returns the text of the hover that appears (tree tooltips are Markdown). */
async function hoverText(target: ReturnType<Page['locator']>, expected: string): Promise<string> {
  const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: expected }).last();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.mouse.move(0, 0);
    await target.hover();
    if (await hover.waitFor({ state: 'visible', timeout: 8_000 }).then(() => true, () => false)) break;
  }
  await hover.waitFor({ state: 'visible', timeout: 2_000 });
  const markup = await hover.evaluate((element, selector) => Array.from(element.querySelectorAll(`${selector}, script`)).map((node) => node.outerHTML), PAYLOAD_ELEMENTS);
  assert.deepEqual(markup, [], `payload markup in the hover: ${markup.join(' ')}`);
  return hover.innerText();
}

describe('hostile content in the workbench', { timeout: 300_000 }, () => {
  before(async () => {
    buildWorkspace();
    ({ server, browser, page } = await openWorkbench(workspace, {
      viewport: { width: 1400, height: 860 },
      beforeOpen: (opened) => {
        opened.on('dialog', (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss().catch(() => undefined);
        });
        opened.on('console', (message) => {
          if (/inline event handler|Refused to load the image/i.test(message.text())) blocked.push(message.text());
        });
      },
    }));
  });

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('shows payloads in tree rows and their Markdown tooltips as text', async () => {
    await showSideBar(page);
    const challengeRow = await row(page, 'Quokka');
    assert.ok((await challengeRow.innerText()).includes(CHALLENGE_TITLE), await challengeRow.innerText());
    const challengeTip = await hoverText(challengeRow.locator('.monaco-icon-label').first(), 'Problem');
    assert.ok(challengeTip.includes(`Problem ${SCRIPT} one ${IMG} $(alert)`), challengeTip);

    await challengeRow.locator('.monaco-tl-twistie').click();
    const paperRow = await row(page, 'Zebra');
    assert.ok((await paperRow.innerText()).includes(PAPER_TITLE), await paperRow.innerText());
    const paperTip = await hoverText(paperRow.locator('.monaco-icon-label').first(), 'Venue');
    for (const text of [PAPER_TITLE, `Ada ${IMG} Lovelace`, `Venue ${SVG}`]) assert.ok(paperTip.includes(text), `${text} in\n${paperTip}`);

    if ((await paperRow.getAttribute('aria-expanded')) !== 'true') await paperRow.locator('.monaco-tl-twistie').click();
    const evidenceRow = await row(page, 'Reward hacking');
    const evidenceTip = await hoverText(evidenceRow.locator('.monaco-icon-label').first(), 'Rationale');
    for (const text of [PDF_QUOTE, `Rationale ${IMG} ${SCRIPT} ${JS_LINK}`]) assert.ok(evidenceTip.includes(text), `${text} in\n${evidenceTip}`);
    await page.mouse.move(0, 0);
    await assertNothingRan('tree');
  });

  it('opens the challenge panel: payloads are text, nothing runs', async () => {
    await (await row(page, 'Quokka')).locator('.monaco-icon-label').first().click();
    const view = await webviewShowing('h1', 'Quokka');
    const text = await assertInert(view, 'challenge panel');
    for (const expected of [CHALLENGE_TITLE, `Problem ${SCRIPT} one ${IMG}`, SCRIPT, IMG, CLOSE_SCRIPT, IFRAME, SVG, PAPER_TITLE, PDF_QUOTE, `Rationale ${IMG} ${SCRIPT}`]) {
      assert.ok(text.includes(expected), `challenge panel shows ${expected} as text:\n${text}`);
    }
    assert.equal(await view.locator('a', { hasText: 'click me' }).count(), 0, 'the javascript: link is not a link');
    assert.ok(text.includes('[click me](javascript:window.__xss=1)'), 'the javascript: link stays visible as text');
    assert.equal(await view.locator('a[href="https://example.org/"]').count(), 1, 'a harmless link still works');
    assert.ok(await view.locator('section.description').isVisible(), 'an injected <style> did not hide the page');
    await assertNothingRan('challenge panel');
  });

  it('opens the paper panel: title, authors, venue, key and summary are text, nothing runs', async () => {
    const challengePanel = await webviewShowing('h1', 'Quokka');
    await challengePanel.locator('article.link h3 a', { hasText: 'Zebra' }).first().click();
    const view = await webviewShowing('header h1', 'Zebra');
    const text = await assertInert(view, 'paper panel');
    for (const expected of [PAPER_TITLE, `Ada ${IMG} Lovelace`, `Alan ${SCRIPT} Turing`, `Venue ${SVG}`, `key${CLOSE_SCRIPT}`, 'Summary starts.', SCRIPT, IMG, CLOSE_SCRIPT, IFRAME, SVG, PDF_QUOTE]) {
      assert.ok(text.includes(expected), `paper panel shows ${expected} as text:\n${text}`);
    }
    assert.equal(await view.locator('header h1').innerText(), PAPER_TITLE);
    assert.equal(await view.locator('a', { hasText: 'click me' }).count(), 0);
    await page.screenshot({ path: join(screenshots, 'xss-panel.png') });
    await assertNothingRan('paper panel');
  });

  it('opens the excerpt of a quote whose PDF text holds HTML: shown as text', async () => {
    await (await row(page, 'Reward hacking')).locator('.monaco-icon-label').first().click();
    const view = await webviewShowing('#anchor-status', 'Found on page 1', 60_000);
    const paragraph = await view.locator('.paragraph').innerText();
    assert.ok(paragraph.includes(PDF_QUOTE), `the paragraph shows the PDF's HTML-like text as text: ${paragraph}`);
    assert.equal(await view.locator('.paragraph mark').innerText(), PDF_QUOTE);
    assert.equal(await view.locator('.paragraph b, .paragraph img').count(), 0, '<b> and <img> in PDF text are not markup');
    await view.locator('.page .highlight').first().waitFor({ timeout: 60_000 }); // pdf.js text layer rendered too
    await assertInert(view, 'excerpt panel');
    assert.equal(await view.locator('.textLayer img, .textLayer b').count(), 0);
    assert.equal(await view.locator('header h1').innerText(), PAPER_TITLE);
    await page.screenshot({ path: join(screenshots, 'xss-excerpt.png') });
    await assertNothingRan('excerpt panel');
  });

  it('opens a document with a hostile name and annotation: hover and claim panel show text, nothing runs', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('talk');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'talk' }).first().waitFor();
    await page.keyboard.press('Enter');
    const line = page.locator('.monaco-editor .view-line', { hasText: 'that reward models' });
    await line.waitFor({ timeout: 30_000 });
    assert.ok(await page.locator('.tabs-container .tab', { hasText: DOCUMENT_NAME }).count() > 0, 'the tab shows the file name as text');

    // The hover on the annotated claim (VS Code renders its Markdown in the workbench itself).
    const hover = page.locator('.monaco-editor .monaco-hover', { hasText: 'Note' }).last();
    for (let attempt = 0; attempt < 3 && !(await hover.isVisible()); attempt++) {
      await page.mouse.move(0, 0);
      await line.locator('span', { hasText: 'reward' }).last().hover();
      await hover.waitFor({ state: 'visible', timeout: 8_000 }).catch(() => undefined);
    }
    const hoverText = await hover.innerText();
    for (const expected of [`Note ${IMG} ${JS_LINK} $(alert) ${SCRIPT}`, `Evidence ${CLOSE_SCRIPT} ${IMG}`]) assert.ok(hoverText.includes(expected), `hover shows ${expected}:\n${hoverText}`);
    const hoverMarkup = await hover.evaluate((element, selector) => Array.from(element.querySelectorAll(`${selector}, script`)).map((node) => node.outerHTML), PAYLOAD_ELEMENTS);
    assert.deepEqual(hoverMarkup, [], 'payload markup in the claim hover');
    const links = await hover.locator('a').evaluateAll((anchors) => anchors.map((anchor) => `${anchor.textContent}|${anchor.getAttribute('data-href') ?? anchor.getAttribute('href')}`));
    assert.ok(links.every((link) => /^(Open excerpt|Open paper)\|command:literatureCompanion\./.test(link)), `only our own command links: ${links.join('\n')}`);
    await page.screenshot({ path: join(screenshots, 'xss-hover.png') });
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await assertNothingRan('claim hover');

    const lens = page.locator('.codelens-decoration', { hasText: 'contradicts' });
    await lens.waitFor({ timeout: 30_000 });
    await lens.locator('a').first().click();
    const view = await webviewShowing('header h1', 'that reward models');
    const text = await assertInert(view, 'claim panel');
    for (const expected of [CLAIM, DOCUMENT_NAME, NOTE, `Evidence ${CLOSE_SCRIPT} ${IMG}`]) assert.ok(text.includes(expected), `claim panel shows ${expected} as text:\n${text}`);
    await page.screenshot({ path: join(screenshots, 'xss-claim-panel.png') });
    await assertNothingRan('claim panel');
  });

  it('keeps hostile layout in bounds: bidi neutralised, plain tooltips, titles clamped, long words wrap, no remote image', async () => {
    const challengeRow = await row(page, 'Quokka');
    if ((await challengeRow.getAttribute('aria-expanded')) !== 'true') await challengeRow.locator('.monaco-tl-twistie').click();
    const layoutRow = await row(page, 'invoice');
    const rowText = await layoutRow.innerText();
    assert.ok(!rowText.includes(RLO) && rowText.includes('invoice\uFFFDfdp.exe\uFFFD'), `the override is shown, not obeyed: ${rowText}`);
    assert.ok(rowText.includes('Eve et al. 2022'), `the short author label is a name, not markup: ${rowText}`);
    const tip = await hoverText(layoutRow.locator('.monaco-icon-label').first(), 'Layout Venue');
    assert.ok(tip.includes('127.0.0.1') && !tip.includes('\\'), `no stray backslashes in the tooltip: ${tip.slice(0, 200)}`);
    assert.ok(!tip.includes(RLO), 'the tooltip neutralises the override too');
    await page.screenshot({ path: join(screenshots, 'xss-layout-tree.png') });
    await page.mouse.move(0, 0);

    await layoutRow.locator('.monaco-icon-label').first().click();
    const view = await webviewShowing('header h1', 'invoice');
    const layout = await view.locator('body').evaluate(() => {
      const h1 = document.querySelector('header h1')!;
      return {
        pageWidth: document.documentElement.scrollWidth,
        viewportWidth: window.innerWidth,
        titleHeight: h1.getBoundingClientRect().height,
        titleLineHeight: parseFloat(getComputedStyle(h1).lineHeight) || 30,
        titleTooltip: h1.getAttribute('title') ?? '',
        shownTitle: (h1 as HTMLElement).innerText,
        images: document.querySelectorAll('.markdown img').length,
        altText: document.querySelector('.markdown .image-alt')?.textContent ?? '',
        subtitle: document.querySelector('header .subtitle')?.textContent ?? '',
      };
    });
    assert.ok(layout.pageWidth <= layout.viewportWidth + 1, `a 4,000-character word wraps: page ${layout.pageWidth}px wide in a ${layout.viewportWidth}px view`);
    assert.ok(layout.titleHeight <= layout.titleLineHeight * 3.5, `a 5,000-character title is clamped to 3 lines: ${layout.titleHeight}px`);
    assert.ok(layout.titleTooltip.startsWith('invoice\uFFFDfdp.exe\uFFFD from 127.0.0.1') && layout.titleTooltip.endsWith('end'), 'the whole title is in its tooltip');
    assert.ok(!layout.shownTitle.includes(RLO));
    assert.equal(layout.images, 0, 'no <img> to a remote server');
    assert.equal(layout.altText, 'tracking pixel', 'the image shows its alt text');
    assert.ok(layout.subtitle.startsWith('Eve et al.'), layout.subtitle);
    await page.screenshot({ path: join(screenshots, 'xss-layout-panel.png') });

    await (await row(page, 'Quokka')).locator('.monaco-icon-label').first().click();
    const challengePanel = await webviewShowing('h1', 'Quokka');
    const linkHeight = await challengePanel.locator('article.link h3 a', { hasText: 'invoice' }).evaluate((link) => link.getBoundingClientRect().height / (parseFloat(getComputedStyle(link).lineHeight) || 20));
    assert.ok(linkHeight <= 2.5, `the long title is two lines of link in the challenge panel, not a wall: ${linkHeight} lines`);
    await assertNothingRan('layout');
  });

  it('leaves the workbench page itself untouched', async () => {
    assert.deepEqual(blocked, [], 'nothing blocked by a Content-Security-Policy: no inline handler or remote image was ever built');
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
    const markup = await page.evaluate((selector) => Array.from(document.querySelectorAll(selector)).map((node) => node.outerHTML), PAYLOAD_ELEMENTS);
    assert.deepEqual(markup, [], 'payload markup in the workbench DOM');
    assert.ok(existsSync(join(screenshots, 'xss-panel.png')));
    await assertNothingRan('end');
  });
});
