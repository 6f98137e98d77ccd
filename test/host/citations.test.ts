import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LiteratureCompanionApi } from '../../src/extension';
import type { ExportBibliographyResult } from '../../src/features/citations/exportCommand';
import type { ImportBibliographyResult } from '../../src/features/citations/importCommand';
import type { InsertCitationResult } from '../../src/features/citations/insertCommand';
import { activateExtension, waitFor } from './support';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const hoverText = (hovers: vscode.Hover[]) =>
  hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n').replace(/\\([^\w\s])/g, '$1');

async function completionsAt(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger);
  return list.items;
}

describe('Citations', () => {
  let api: LiteratureCompanionApi;

  before(async () => {
    api = await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completes corpus keys after [@ and after ; in Markdown, with the paper as documentation', async () => {
    const content = 'RLHF works [@\n\nBoth [@bai2022constitutional; @\n\nNot here @';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    const items = await completionsAt(document, new vscode.Position(0, 13), '@');
    const stiennon = items.find((item) => labelOf(item) === 'stiennon2020learning');
    assert.ok(stiennon, `stiennon2020learning offered; got ${items.map(labelOf).join(', ')}`);
    assert.equal(stiennon.detail, 'Learning to summarize from human feedback');
    const documentation = stiennon.documentation as vscode.MarkdownString;
    assert.match(documentation.value, /Stiennon/);
    assert.match(documentation.value, /2020/);
    assert.ok(!documentation.isTrusted, 'completion documentation is not trusted');
    assert.equal(stiennon.insertText, 'stiennon2020learning]', 'accepting closes the citation');

    const afterSemicolon = await completionsAt(document, new vscode.Position(2, 31), '@');
    assert.ok(afterSemicolon.some((item) => labelOf(item) === 'casper2023open'), 'offered after "; @" inside the brackets');

    const outside = await completionsAt(document, new vscode.Position(4, 10), '@');
    assert.ok(!outside.some((item) => labelOf(item) === 'casper2023open'), 'no corpus keys for a bare @ outside brackets');
  });

  it('completes corpus keys inside \\cite{ and after a comma in LaTeX, replacing the typed prefix', async () => {
    const content = 'As shown \\cite{\nand \\citep[p.~3]{stiennon2020learning, ba';
    const document = await vscode.workspace.openTextDocument({ language: 'latex', content });
    const items = await completionsAt(document, new vscode.Position(0, 15), '{');
    assert.ok(items.some((item) => labelOf(item) === 'stiennon2020learning'), `offered after \\cite{; got ${items.map(labelOf).join(', ')}`);
    assert.equal(items.find((item) => labelOf(item) === 'stiennon2020learning')!.insertText, 'stiennon2020learning}', 'accepting closes \\cite{');
    const afterComma = await completionsAt(document, new vscode.Position(1, document.lineAt(1).text.length));
    const bai = afterComma.find((item) => labelOf(item) === 'bai2022constitutional');
    assert.ok(bai, 'offered after a comma inside the braces');
    const range = bai.range as { inserting: vscode.Range; replacing: vscode.Range };
    assert.equal(document.getText(range.inserting), 'ba', 'the typed prefix is what the key replaces');
  });

  it('shows the cited paper on hover, with a link to its panel, and says when a key is not in the corpus', async () => {
    const content = 'See [@stiennon2020learning, p. 5; @nobody1999].';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 10));
    const text = hoverText(hovers);
    assert.match(text, /Learning to summarize from human feedback/);
    assert.match(text, /arXiv 2009\.01325v\d/);
    assert.match(text, /command:literatureCompanion\.openPaper\?/);
    assert.ok(text.includes(encodeURIComponent(JSON.stringify(['2009.01325']))), 'the link opens this paper');
    const unknown = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 38));
    assert.match(hoverText(unknown), /nobody1999: not in the corpus/);

    const latex = await vscode.workspace.openTextDocument({ language: 'latex', content: '\\citet{casper2023open}' });
    const latexHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', latex.uri, new vscode.Position(0, 10));
    assert.match(hoverText(latexHover), /Open Problems and Fundamental Limitations/);
  });

  it('goes to the paper file from a cited key, and nowhere from an unknown one', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See [@stiennon2020learning] and [@nobody1999].' });
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, new vscode.Position(0, 12));
    assert.equal(found.length, 1);
    const location = found[0]!;
    const uri = 'uri' in location ? location.uri : location.targetUri;
    assert.ok(uri.fsPath.endsWith(join('sources', 'papers', '2009.01325.md')), uri.fsPath);
    const none = await vscode.commands.executeCommand<unknown[]>('vscode.executeDefinitionProvider', document.uri, new vscode.Position(0, 36));
    assert.equal(none.length, 0);
  });

  it('inserts [@key] in Markdown, joins an existing citation, and inserts \\cite{key} in LaTeX', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'A claim. Another [@casper2023open] claim.' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 7, 0, 7);
    const first = await vscode.commands.executeCommand<InsertCitationResult>('literatureCompanion.insertCitation', '2009.01325');
    assert.equal(first.status, 'inserted');
    assert.equal(document.getText(), 'A claim [@stiennon2020learning]. Another [@casper2023open] claim.');
    const inside = document.getText().indexOf('casper') + 3;
    editor.selection = new vscode.Selection(document.positionAt(inside), document.positionAt(inside));
    await vscode.commands.executeCommand('literatureCompanion.insertCitation', '2212.08073');
    assert.equal(document.getText(), 'A claim [@stiennon2020learning]. Another [@casper2023open; @bai2022constitutional] claim.');

    const latex = await vscode.workspace.openTextDocument({ language: 'latex', content: 'RLHF \\cite{casper2023open}.' });
    const latexEditor = await vscode.window.showTextDocument(latex);
    latexEditor.selection = new vscode.Selection(0, 4, 0, 4);
    await vscode.commands.executeCommand('literatureCompanion.insertCitation', '2009.01325');
    assert.equal(latex.getText(), 'RLHF~\\cite{stiennon2020learning} \\cite{casper2023open}.', 'after a word, a tie');
    const inLatex = latex.positionAt(latex.getText().indexOf('casper') + 2);
    latexEditor.selection = new vscode.Selection(inLatex, inLatex);
    await vscode.commands.executeCommand('literatureCompanion.insertCitation', '2212.08073');
    assert.equal(latex.getText(), 'RLHF~\\cite{stiennon2020learning} \\cite{casper2023open,bai2022constitutional}.');
  });

  it('exports the corpus as BibTeX with every key, and as valid CSL-JSON', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'litcomp-export-'));
    const corpus = await api.corpus.get();
    const keys = [...corpus.papers.values()].map((paper) => paper.bibtexKey);
    const bib = join(folder, 'references.bib');
    const bibResult = await vscode.commands.executeCommand<ExportBibliographyResult>('literatureCompanion.exportBibliography', { format: 'bibtex', file: bib });
    assert.equal(bibResult.status, 'exported');
    assert.equal(bibResult.count, corpus.papers.size);
    const bibtex = readFileSync(bib, 'utf8');
    for (const key of keys) assert.match(bibtex, new RegExp(`^@\\w+\\{${key},$`, 'm'), `an entry for ${key}`);
    const entries = [...bibtex.matchAll(/^@\w+\{/gm)].length;
    assert.equal(entries, keys.length);
    assert.equal((bibtex.match(/\{/g) ?? []).length - (bibtex.match(/\\\{/g) ?? []).length, (bibtex.match(/\}/g) ?? []).length - (bibtex.match(/\\\}/g) ?? []).length, 'braces balance');

    const json = join(folder, 'references.json');
    await vscode.commands.executeCommand('literatureCompanion.exportBibliography', { format: 'csl-json', file: json });
    const items = JSON.parse(readFileSync(json, 'utf8')) as { id: string; title: string; author: unknown[]; issued: { 'date-parts': number[][] } }[];
    assert.deepEqual(items.map((item) => item.id).sort(), [...keys].sort());
    const stiennon = items.find((item) => item.id === 'stiennon2020learning')!;
    assert.equal(stiennon.title, 'Learning to summarize from human feedback');
    assert.equal(stiennon.issued['date-parts'][0]![0], 2020);
    assert.ok(stiennon.author.length > 1);
  });

  it('imports the good entries of a BibTeX file into the corpus folder of one\'s own and reports the bad one with its line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'litcomp-import-'));
    const bib = join(root, 'zotero.bib');
    writeFileSync(
      bib,
      [
        '@article{ouyang2022training,',
        '  title = {Training language models to follow instructions with human feedback},',
        '  author = {Ouyang, Long and Wu, Jeff},',
        '  year = {2022},',
        '  eprint = {2203.02155},',
        '  archivePrefix = {arXiv},',
        '}',
        '',
        '@article{broken2021,',
        '  title = {Unclosed brace,',
        '  author = {Nobody, A.},',
        '  year = {2021},',
        '',
      ].join('\n'),
    );
    const settings = vscode.workspace.getConfiguration('literatureCompanion');
    await settings.update('corpusPath', root, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(async () => ((await api.corpus.get()).root === root ? true : undefined), 'the corpus to follow the setting');
      const result = await vscode.commands.executeCommand<ImportBibliographyResult>('literatureCompanion.importBibliography', { file: bib });
      assert.equal(result.status, 'imported', result.error);
      assert.deepEqual(result.written, [join(root, 'papers', '2203.02155.md')]);
      assert.equal(result.problems?.length, 1);
      assert.equal(result.problems[0]!.line, 9, 'the malformed entry is reported at its line');
      const corpus = await api.corpus.get();
      assert.equal(corpus.papers.get('2203.02155')?.bibtexKey, 'ouyang2022training');
      assert.deepEqual(corpus.problems, []);

      // Importing again leaves the existing file alone and says so.
      writeFileSync(join(root, 'papers', '2203.02155.md'), readFileSync(join(root, 'papers', '2203.02155.md'), 'utf8') + 'My own summary.\n');
      const again = await vscode.commands.executeCommand<ImportBibliographyResult>('literatureCompanion.importBibliography', { file: bib });
      assert.deepEqual(again.written, []);
      assert.ok(again.problems?.some((problem) => /already exists/.test(problem.message)));
      assert.match(readFileSync(join(root, 'papers', '2203.02155.md'), 'utf8'), /My own summary\./);
    } finally {
      await settings.update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => ((await api.corpus.get()).root !== root ? true : undefined), 'the bundled corpus to come back');
    }
  });

  it('never imports into the bundled sources/ folder', async () => {
    const bib = join(mkdtempSync(join(tmpdir(), 'litcomp-import-')), 'one.bib');
    writeFileSync(bib, '@misc{x2020,\n  title = {X},\n  author = {A, B},\n  year = {2020},\n  url = {https://example.org/x.pdf},\n}\n');
    const bundled = join((await api.corpus.get()).root);
    const result = await vscode.commands.executeCommand<ImportBibliographyResult>('literatureCompanion.importBibliography', { file: bib, target: bundled });
    assert.equal(result.status, 'failed');
    assert.ok(!existsSync(join(bundled, 'papers', 'x2020.md')));
  });
});
