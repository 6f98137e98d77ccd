// In the real extension host: the evidence map opens, draws the bundled corpus in its webview, folds a
// section, exports a self-contained SVG and a 16:9 PNG; the report command writes the talk's report.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LiteratureCompanionApi } from '../../src/extension';
import type { ExportReportResult } from '../../src/features/report';
import { activateExtension, waitFor } from './support';

const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

describe('Evidence map', () => {
  let api: LiteratureCompanionApi;
  const out = mkdtempSync(join(tmpdir(), 'litcomp-map-host-'));

  before(async () => {
    api = await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens from its command and draws the taxonomy against the papers in the webview', async () => {
    await vscode.commands.executeCommand('literatureCompanion.openEvidenceMap');
    const panel = await waitFor(() => api.evidenceMap.current(), 'the evidence map panel');
    await waitFor(() => panel.firstPaintMs !== undefined, 'the webview to draw the map', 30_000);
    const map = panel.currentMap!;
    const corpus = await api.corpus.get();
    assert.equal(map.rows.length, corpus.challenges.size);
    assert.equal(map.columns.length, corpus.papers.size);
    assert.equal(panel.panel.viewType, 'literatureCompanion.evidenceMap');
    assert.ok(map.rows.some((row) => row.verdicts.includes('contradicts')), 'the talk\'s contradicted claims are marked');
  });

  it('folds a section when the webview asks, and redraws', async () => {
    const panel = api.evidenceMap.current()!;
    const drawn = panel.whenRendered();
    panel.setFilters({ collapsed: ['3.1'] });
    const { cells } = await drawn;
    assert.equal(cells, (api.evidenceMap.current()!.currentMap!.rows.length) * 6);
    assert.ok(!panel.currentMap!.rows.some((row) => row.id === '3.1.1'));
    panel.setFilters({});
    await panel.whenRendered();
  });

  it('exports a self-contained SVG and a 1920×1080 PNG drawn by the webview', async () => {
    const panel = api.evidenceMap.current()!;
    const svgFile = vscode.Uri.file(join(out, 'map.svg'));
    await panel.exportTo('svg', svgFile);
    const svg = readFileSync(svgFile.fsPath, 'utf8');
    assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1920" height="1080"/);
    assert.doesNotMatch(svg, /<script|href=|url\(|@import|<image|<foreignObject/i);
    assert.ok(svg.includes('§3.2.3 Evaluating Reward Models'));
    const pngFile = vscode.Uri.file(join(out, 'map.png'));
    await panel.exportTo('png', pngFile, { background: '#1e1e1e', foreground: '#cccccc' });
    const png = readFileSync(pngFile.fsPath);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1920, 1080], 'IHDR width × height');
  });
});

describe('Export Evidence Report…', () => {
  before(async () => {
    await activateExtension();
  });

  it('writes the talk\'s HTML report from the claims the editor shows, without a script', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'litcomp-report-host-')), 'talk-report.html');
    const result = await vscode.commands.executeCommand<ExportReportResult>('literatureCompanion.exportReport', { document: join(workspaceRoot(), 'talk-ru.md'), format: 'html', file });
    assert.equal(result.status, 'exported', result.error);
    assert.ok((result.claims ?? 0) >= 15, `${result.claims} claims`);
    const html = readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes('Говоря о безвредности и нетоксичности – RLAIF превосходит RLHF'));
    assert.match(html, /<li data-paper="2009\.01325">Stiennon, N\./);
  });

  it('says what to do when no document is open', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const result = await vscode.commands.executeCommand<ExportReportResult>('literatureCompanion.exportReport', { format: 'md', file: join(tmpdir(), 'never.md') });
    assert.equal(result.status, 'failed');
    assert.match(result.error ?? '', /Open the talk/);
  });
});
