import * as vscode from 'vscode';
import { VERDICT_STYLE } from '../../src/core/claims/verdictStyle';
import { escapeMarkdown } from '../../src/core/report/escape';
import type { ExportReportResult } from '../../src/features/report/exportCommand';
import * as assert from './assert';
import { activateWebExtension, fileUri, readText } from './support';

const exportTo = (name: string, format: 'md' | 'html') =>
  vscode.commands.executeCommand<ExportReportResult>('literatureCompanion.exportReport', { document: fileUri('talk-ru.md').toString(), format, file: fileUri(name).toString() });

describe('the evidence report on the web: made in a Blob-URL worker, written through workspace.fs', () => {
  it('exports the talk\'s Markdown report with every claim, its verdict and its quotes', async () => {
    const api = await activateWebExtension();
    const talk = await vscode.workspace.openTextDocument(fileUri('talk-ru.md'));
    const { claims } = await api.claims.service.claimsOf(talk);
    assert.ok(claims.length >= 15, `${claims.length} claims in the talk`);
    const result = await exportTo('talk-ru-evidence-report.md', 'md');
    assert.equal(result.status, 'exported', result.error);
    assert.equal(result.claims, claims.length);
    const report = await readText(fileUri('talk-ru-evidence-report.md'));
    assert.ok(report, 'the report file is in the workspace');
    for (const claim of claims) {
      const start = report.indexOf(`- **${escapeMarkdown(claim.text)}**`);
      assert.ok(start >= 0, `the claim "${claim.text}" is in the report`);
      const next = report.indexOf('\n- **', start + 1);
      const block = report.slice(start, next < 0 ? undefined : next);
      assert.ok(block.split('\n')[1]!.includes(VERDICT_STYLE[claim.verdict].emoji), `"${claim.text}" is shown as ${claim.verdict}: ${block.split('\n')[1]}`);
      for (const evidence of claim.evidence) assert.ok(block.includes(`> “${escapeMarkdown(evidence.quote)}”`), `the quote "${evidence.quote}" under "${claim.text}"`);
    }
    // The bibliography is formatted by citeproc (APA) in the worker, as on the desktop.
    assert.match(report, /formatted by citeproc-js/);
    assert.match(report, /\d+\. Stiennon, N\./);
  });

  it('exports the HTML report, without a script, with the APA bibliography', async () => {
    const result = await exportTo('talk-ru-evidence-report.html', 'html');
    assert.equal(result.status, 'exported', result.error);
    const html = await readText(fileUri('talk-ru-evidence-report.html'));
    assert.ok(html, 'the report file is in the workspace');
    assert.ok(!/<script/i.test(html), 'no script in the report');
    assert.ok(html.includes('Говоря о безвредности и нетоксичности – RLAIF превосходит RLHF'));
    assert.match(html, /<li data-paper="2009\.01325">Stiennon, N\./);
  });
});
