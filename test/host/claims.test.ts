import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { claimsFile, paperFile, writeCorpus } from '../support/corpusFixture';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/annotations';
import type { LiteratureCompanionApi } from '../../src/extension';
import type { ClaimsNode } from '../../src/features/claims/view';
import { activateExtension, waitFor } from './support';

const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const annotationFile = () => join(workspaceRoot(), '.literature', 'annotations.json');

async function openEditor(name: string, content?: string): Promise<vscode.TextEditor> {
  const file = join(workspaceRoot(), name);
  if (content !== undefined) writeFileSync(file, content);
  const document = await vscode.workspace.openTextDocument(file);
  return vscode.window.showTextDocument(document);
}

function select(editor: vscode.TextEditor, text: string): void {
  const start = editor.document.getText().indexOf(text);
  assert.ok(start >= 0, `"${text}" in the document`);
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + text.length));
}

async function viewNodes(api: LiteratureCompanionApi): Promise<ClaimsNode[]> {
  const groups = await api.claims.tree.getChildren();
  const children = await Promise.all(groups.map((group) => api.claims.tree.getChildren(group)));
  return [...groups, ...children.flat()];
}

describe('claims of the bundled talk in the editor', () => {
  let api: LiteratureCompanionApi;
  let editor: vscode.TextEditor;

  before(async () => {
    api = await activateExtension();
    editor = await openEditor('talk-ru.md');
  });

  it('locates every bundled claim in the talk', async () => {
    const { claims, orphans } = await api.claims.service.claimsOf(editor.document);
    const bundled = await api.claims.service.bundledClaims();
    assert.equal(bundled.problems.length, 0, bundled.problems.map((p) => p.message).join('\n'));
    assert.ok(bundled.claims.length >= 15, `${bundled.claims.length} claims`);
    assert.equal(claims.length, bundled.claims.length);
    assert.deepEqual(orphans, []);
  });

  it('shows a CodeLens with the number of sources and the verdict', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.some((title) => /^\d+ sources? .*· contradicts$/.test(title)), titles.join('\n'));
    assert.ok(titles.some((title) => /· supports$/.test(title)));
  });

  it('hovers a claim with its quotes, paper and page, and links to the excerpt', async () => {
    const offset = editor.document.getText().indexOf('Говоря о безвредности');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(offset + 5));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text.split('\n')[0]!, /^\*\*partially supports\*\* · [^·]+$/, 'the verdict once, then the sources');
    assert.match(text, /p\. \d+/);
    assert.match(text, /command:literatureCompanion\.openExcerpt/);
  });

  it('reports contradicted claims in Problems for a document opted in', async () => {
    const diagnostics = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Literature Companion');
      return list.length > 0 ? list : undefined;
    }, 'claim diagnostics on the talk');
    assert.ok(diagnostics.some((d) => d.code === 'contradicted'));
    const contradicted = diagnostics.find((d) => d.code === 'contradicted')!;
    assert.match(editor.document.getText(contradicted.range), /RLHF|RLAIF/);
  });

  it('lists the claims of the active document grouped by verdict', async () => {
    const groups = await api.claims.tree.getChildren();
    const labels = groups.map((group) => api.claims.tree.getTreeItem(group).label);
    assert.ok(labels.includes('contradicts') && labels.includes('supports'), String(labels));
  });
});

describe('annotating claims while writing', () => {
  let api: LiteratureCompanionApi;
  let editor: vscode.TextEditor;
  const sentence = 'AI feedback is far cheaper than human feedback.';

  before(async () => {
    api = await activateExtension();
    editor = await openEditor('my-review.md', `# My review\n\nSome intro.\n\n${sentence} More text follows.\n`);
  });

  it('links a selected claim to evidence and stores a W3C Web Annotation', async () => {
    select(editor, sentence);
    const [hit] = await api.claims.suggestions.suggest(sentence, 3);
    assert.ok(hit, 'search suggests at least one passage');
    const annotation = await vscode.commands.executeCommand<Annotation>('literatureCompanion.linkClaim', {
      evidence: [{ paper: hit.paper, version: 'v3', page: hit.page, quote: hit.text }],
      verdict: 'partially-supports',
      note: 'only an estimate',
    });
    assert.ok(annotation);
    const stored = JSON.parse(readFileSync(annotationFile(), 'utf8'));
    assert.equal(stored.schemaVersion, 1);
    const [saved] = stored.documents['my-review.md'];
    assert.equal(saved.type, 'Annotation');
    assert.equal(saved['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(saved.target.selector[0].type, 'TextQuoteSelector');
    assert.equal(saved.target.selector[0].exact, sentence);
    assert.ok(saved.body.some((body: { purpose: string; value?: string }) => body.purpose === 'classifying' && body.value === 'partially-supports'));
    const { claims } = await api.claims.service.claimsOf(editor.document);
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.note, 'only an estimate');
  });

  it('keeps the annotation on its sentence after an edit before it', async () => {
    await editor.edit((edit) => edit.insert(new vscode.Position(2, 0), 'A new paragraph pushed in front.\n\n'));
    const { claims } = await api.claims.service.claimsOf(editor.document);
    assert.equal(claims.length, 1);
    assert.equal(editor.document.getText().slice(claims[0]!.start, claims[0]!.end), sentence);
  });

  it('lists a claim whose sentence was deleted as an orphan, and re-attaches it', async () => {
    const text = editor.document.getText();
    const start = text.indexOf(sentence);
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + sentence.length)), 'Something else entirely here now.'));
    const { claims, orphans } = await api.claims.service.claimsOf(editor.document);
    assert.equal(claims.length, 0);
    assert.equal(orphans.length, 1, 'never dropped silently');
    const orphanNode = (await viewNodes(api)).find((node) => node.kind === 'orphan');
    assert.ok(orphanNode, 'the claims view lists the orphan');
    select(editor, 'Something else entirely here now.');
    assert.equal(await vscode.commands.executeCommand('literatureCompanion.reattachOrphan', orphanNode), true);
    const after = await api.claims.service.claimsOf(editor.document);
    assert.equal(after.claims.length, 1);
    assert.equal(after.claims[0]!.text, 'Something else entirely here now.');
  });

  it('edits the verdict and removes the annotation', async () => {
    const node = (await viewNodes(api)).find((candidate) => candidate.kind === 'claim');
    assert.ok(node);
    await vscode.commands.executeCommand('literatureCompanion.editClaim', node, { verdict: 'contradicts', note: '' });
    assert.equal((await api.claims.service.claimsOf(editor.document)).claims[0]!.verdict, 'contradicts');
    const updated = (await viewNodes(api)).find((candidate) => candidate.kind === 'claim');
    assert.equal(await vscode.commands.executeCommand('literatureCompanion.removeClaim', updated, { confirm: false }), true);
    assert.equal((await api.claims.service.claimsOf(editor.document)).claims.length, 0);
    assert.deepEqual(JSON.parse(readFileSync(annotationFile(), 'utf8')).documents['my-review.md'] ?? [], []);
  });

  it('backs up an annotation file that fails to parse and never overwrites it', async () => {
    mkdirSync(join(workspaceRoot(), '.literature'), { recursive: true });
    writeFileSync(annotationFile(), '{ "schemaVersion": 1, "documents": { broken');
    const store = await api.claims.service.annotations();
    await store!.reload();
    assert.match(store!.problems.join('\n'), /annotations\.json/);
    const backups = readdirSync(join(workspaceRoot(), '.literature')).filter((name) => name.includes('corrupt'));
    assert.ok(backups.length >= 1, 'a backup copy was made');
    select(editor, 'Some intro.');
    const result = await vscode.commands.executeCommand('literatureCompanion.linkClaim', { evidence: [], verdict: 'not-addressed' });
    assert.equal(result, undefined, 'the link is refused rather than overwriting the broken file');
    assert.equal(readFileSync(annotationFile(), 'utf8'), '{ "schemaVersion": 1, "documents": { broken');
    assert.ok(existsSync(annotationFile()));
  });
});

describe('claims of a corpus of one\'s own', () => {
  let api: LiteratureCompanionApi;
  const settings = () => vscode.workspace.getConfiguration('literatureCompanion');

  before(async () => {
    api = await activateExtension();
  });

  it('come from that corpus\'s claims/ folder, not the bundled talk', async () => {
    const root = writeCorpus({
      'papers/2101.00001.md': paperFile('2101.00001'),
      'claims/own-talk.yaml': claimsFile('../own-talk.md', [
        { id: 'own-claim', text: 'Own corpora bring their own claims.', paper: '2101.00001' },
        { id: 'lost-claim', text: 'This sentence was in the talk once.', paper: '2101.00001' },
      ]),
    });
    // The claims file checks its talk (beside the corpus); the editor finds the talk by its name.
    writeFileSync(join(root, 'own-talk.md'), 'Own corpora bring their own claims.\n\nThis sentence was in the talk once.\n');
    const editor = await openEditor('own-talk.md', '# My talk\n\nOwn corpora bring their own claims. And more.\n');
    await settings().update('corpusPath', root, vscode.ConfigurationTarget.Workspace);
    try {
      const folder = await waitFor(async () => {
        const loaded = await api.claims.service.bundledClaims();
        return dirname(loaded.folder) === root ? loaded : undefined;
      }, 'the claims of the configured corpus');
      assert.deepEqual(folder.problems, []);
      assert.deepEqual(folder.claims.map((claim) => claim.id), ['own-claim', 'lost-claim']);
      const { claims, orphans } = await api.claims.service.claimsOf(editor.document);
      assert.deepEqual(claims.map((claim) => [claim.key, claim.text, claim.verdict]), [['bundled:own-claim', 'Own corpora bring their own claims.', 'supports']]);
      assert.deepEqual(orphans.map((orphan) => orphan.key), ['bundled:lost-claim'], 'a claim no longer in its talk is listed, not dropped');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      assert.ok(lenses.some((lens) => lens.command?.title === '1 source · supports'), lenses.map((lens) => lens.command?.title).join('\n'));
      const talk = await openEditor('talk-ru.md');
      assert.deepEqual((await api.claims.service.claimsOf(talk.document)).claims, [], 'the bundled talk\'s claims are not this corpus\'s');
    } finally {
      await settings().update('corpusPath', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => (dirname((await api.claims.service.bundledClaims()).folder) !== root ? true : undefined), 'the bundled claims to come back');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
