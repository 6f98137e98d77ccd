import * as vscode from 'vscode';
import { serializeAnnotationFile } from '../../src/core/annotations/fileFormat';
import type { Annotation } from '../../src/core/annotations/model';
import type { WebCompanionApi } from '../../src/web/extension';
import * as assert from './assert';
import { activateWebExtension, fileUri, readText, waitFor, writeText } from './support';

async function openEditor(name: string, content?: string): Promise<vscode.TextEditor> {
  const uri = fileUri(name);
  if (content !== undefined) await writeText(uri, content);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

function select(editor: vscode.TextEditor, text: string): void {
  const start = editor.document.getText().indexOf(text);
  assert.ok(start >= 0, `"${text}" in the document`);
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + text.length));
}

const annotationFile = () => fileUri('.literature', 'annotations.json');

describe('claims of the bundled talk in the editor, on the web', () => {
  let api: WebCompanionApi;
  let editor: vscode.TextEditor;

  before(async () => {
    api = await activateWebExtension();
    editor = await openEditor('talk-ru.md');
  });

  it('locates every bundled claim in the talk (a vscode-remote document, read through workspace.fs)', async () => {
    assert.ok(editor.document.uri.scheme !== 'file', `the talk is a ${editor.document.uri.scheme}: document`);
    const bundled = await api.claims.service.bundledClaims();
    assert.deepEqual(bundled.problems.map((p) => p.message), []);
    const { claims, orphans } = await api.claims.service.claimsOf(editor.document);
    assert.ok(bundled.claims.length >= 15, `${bundled.claims.length} claims`);
    assert.equal(claims.length, bundled.claims.length);
    assert.deepEqual(orphans, []);
  });

  it('shows a CodeLens with the number of sources and the verdict', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.some((title) => /^\d+ sources? .*· contradicts$/.test(title)), titles.join('\n'));
    assert.ok(titles.some((title) => /· supports$/.test(title)), titles.join('\n'));
  });

  it('hovers a claim with its verdict, quotes and pages', async () => {
    const offset = editor.document.getText().indexOf('Говоря о безвредности');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset + 5));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text.split('\n')[0]!, /^\*\*partially supports\*\* · [^·]+$/);
    assert.match(text, /p\. \d+/);
  });

  it('reports contradicted claims in Problems', async () => {
    const diagnostics = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Literature Companion');
      return list.length > 0 ? list : undefined;
    }, 'claim diagnostics on the talk');
    assert.ok(diagnostics.some((d) => d.code === 'contradicted'), 'a contradicted claim is a problem');
  });

  it('lists the claims of the active document grouped by verdict in the Claims view', async () => {
    const labels = (await api.claims.tree.getChildren()).map((group) => api.claims.tree.getTreeItem(group).label);
    assert.ok(labels.includes('contradicts') && labels.includes('supports'), String(labels));
  });
});

describe('annotating claims on the web: .literature/annotations.json through workspace.fs', () => {
  let api: WebCompanionApi;
  let editor: vscode.TextEditor;
  const sentence = 'AI feedback is far cheaper than human feedback.';
  const other = 'Human raters disagree with each other often.';

  before(async () => {
    api = await activateWebExtension();
    editor = await openEditor('web-review.md', `# My review\n\nSome intro.\n\n${sentence} ${other}\n`);
  });

  it('links a selected sentence to a stored quote and writes a W3C Web Annotation', async () => {
    const corpus = await api.corpus.get();
    const link = corpus.links.find((candidate) => candidate.paper === '2309.00267')!;
    const evidence = link.evidence[0]!;
    select(editor, sentence);
    const annotation = await vscode.commands.executeCommand<Annotation>('literatureCompanion.linkClaim', {
      evidence: [{ paper: link.paper, version: corpus.papers.get(link.paper)!.version, page: evidence.page, quote: evidence.quote }],
      verdict: 'partially-supports',
      note: 'written in the browser',
    });
    assert.ok(annotation, 'Link Claim returned the annotation');
    const stored = JSON.parse((await readText(annotationFile())) ?? '{}');
    const [saved] = stored.documents['web-review.md'];
    assert.equal(saved.target.selector[0].exact, sentence);
    assert.ok(saved.body.some((body: { purpose: string; value?: string }) => body.purpose === 'classifying' && body.value === 'partially-supports'));
    const { claims } = await api.claims.service.claimsOf(editor.document);
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.note, 'written in the browser');
  });

  it('keeps another writer\'s annotation when it saves (merge on save; no lock file on the web)', async () => {
    // Another window (or a git pull) adds an annotation to the file behind this store's back.
    const text = (await readText(annotationFile()))!;
    const file = JSON.parse(text);
    const theirs = { ...file.documents['web-review.md'][0], id: 'urn:uuid:00000000-0000-4000-8000-00000000beef', modified: new Date(Date.now() + 1000).toISOString() };
    theirs.target = { ...theirs.target, selector: [{ ...theirs.target.selector[0], exact: other }, theirs.target.selector[1]] };
    file.documents['web-review.md'].push(theirs);
    await writeText(annotationFile(), JSON.stringify(file, null, 2));
    // This window links another claim without having re-read the file.
    select(editor, other);
    await vscode.commands.executeCommand<Annotation>('literatureCompanion.linkClaim', { evidence: [], verdict: 'not-addressed' });
    const after = JSON.parse((await readText(annotationFile()))!);
    const ids = after.documents['web-review.md'].map((annotation: Annotation) => annotation.id);
    assert.ok(ids.includes(theirs.id), 'the other writer\'s annotation survived this save');
    assert.ok(ids.length >= 3, `mine and theirs are all kept: ${ids.length}`);
    const lock = await vscode.workspace.fs.stat(vscode.Uri.joinPath(annotationFile(), '..', 'annotations.json.lock')).then(() => true, () => false);
    assert.ok(!lock, 'no lock file is left behind');
  });
});

describe('a talk in a sub-folder with its own .literature/ on the web', () => {
  it('is annotated in its own file, as on the desktop (the annotation files are found and watched)', async () => {
    const api = await activateWebExtension();
    const nested = fileUri('talks', '.literature', 'annotations.json');
    await writeText(nested, serializeAnnotationFile([], [], new Map()));
    const talk = fileUri('talks', 'nested-talk.md');
    const sentence = 'Reward models can be gamed by the policy.';
    await writeText(talk, `# Talk\n\n${sentence}\n`);
    await waitFor(() => api.claims.service.annotationFileOf(talk) === nested.path || undefined, 'the nested annotation file to govern the talk', 15_000);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(talk));
    select(editor, sentence);
    await vscode.commands.executeCommand<Annotation>('literatureCompanion.linkClaim', { evidence: [], verdict: 'not-addressed' });
    const saved = JSON.parse((await readText(nested))!);
    assert.equal(saved.documents['nested-talk.md']?.[0]?.target.selector[0].exact, sentence, 'keyed relative to the folder holding its .literature/');
    const root = JSON.parse((await readText(annotationFile())) ?? '{"documents":{}}');
    assert.ok(!Object.keys(root.documents).some((key) => key.includes('nested-talk')), 'not in the workspace folder\'s file');
  });
});
