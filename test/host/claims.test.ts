import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { claimsFile, paperFile, writeCorpus } from '../support/corpusFixture';
import * as vscode from 'vscode';
import { createAnnotation, noteOf, type Annotation } from '../../src/core/annotations';
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
    const [hit] = await (await api.claims.suggestions()).suggest(sentence, 3);
    assert.ok(hit, 'search suggests at least one passage');
    const annotation = await vscode.commands.executeCommand<Annotation>('literatureCompanion.linkClaim', {
      evidence: [{ paper: hit.paper, version: 'v3', page: hit.page, quote: hit.text }],
      verdict: 'partially-supports',
      note: 'only an estimate',
    });
    assert.ok(annotation);
    const stored = JSON.parse(readFileSync(annotationFile(), 'utf8'));
    assert.equal(stored.schemaVersion, 2);
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

  it('offers "Find evidence…" on a sentence with no claim yet, with suggestions and their matched words, and links it', async () => {
    const claim = 'RLAIF achieves a higher harmless rate than RLHF.';
    const bulbEditor = await openEditor('evidence-bulb.md', `# Notes\n\n- Intro words here. ${claim}\n`);
    await (await api.claims.suggestions()).suggest(claim, 1); // the index is built: the light bulb then brings suggestions along
    const offset = bulbEditor.document.getText().indexOf(claim);
    const at = bulbEditor.document.positionAt(offset + 6);
    const findEvidence = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', bulbEditor.document.uri, new vscode.Range(at, at))) ?? []).filter((action) => action.title === 'Find evidence…');
    const [action] = await findEvidence();
    assert.ok(action?.command, 'a Find evidence… light bulb on the sentence');
    assert.equal(action.command.command, 'literatureCompanion.linkClaim');
    const { target } = action.command.arguments![0] as { target: { start: number; end: number; suggestions: { paper: string; page: number; text: string; matched: { word: string }[] }[] } };
    assert.deepEqual([target.start, target.end], [offset, offset + claim.length], 'the sentence under the cursor, not the whole line');
    assert.ok(target.suggestions.length > 0, 'suggestions computed with the light bulb');
    for (const suggestion of target.suggestions) {
      assert.ok(suggestion.matched.length > 0, 'each suggestion says which words matched');
      assert.ok(suggestion.matched.every((term) => suggestion.text.toLowerCase().includes(term.word)), JSON.stringify(suggestion.matched));
    }
    const hit = target.suggestions[0]!;
    const annotation = await vscode.commands.executeCommand<Annotation>('literatureCompanion.linkClaim', {
      ...(action.command.arguments![0] as object),
      evidence: [{ paper: hit.paper, version: 'v3', page: hit.page, quote: hit.text }],
      verdict: 'supports',
      note: '',
    });
    assert.equal(annotation?.target.selector[0].exact, claim);
    assert.deepEqual(await findEvidence(), [], 'no light bulb once the sentence is a claim');
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
    await store!.reload();
    assert.equal(readdirSync(join(workspaceRoot(), '.literature')).filter((name) => name.includes('corrupt')).length, backups.length, 'the same broken content is backed up once');
    // Only that file's claims are affected: the bundled talk's claims still show.
    const talk = await vscode.workspace.openTextDocument(join(workspaceRoot(), 'talk-ru.md'));
    const bundled = await api.claims.service.bundledClaims();
    assert.equal((await api.claims.service.claimsOf(talk)).claims.length, bundled.claims.length);
  });
});

describe('annotations merged from two git branches', () => {
  let api: LiteratureCompanionApi;

  before(async () => {
    api = await activateExtension();
  });

  it('shows a claim edited on both branches as conflicted until one version is removed', async () => {
    const text = '# Merged\n\nBoth of us annotated this sentence.\n';
    await openEditor('merged.md', text);
    const start = text.indexOf('Both of us');
    const end = start + 'Both of us annotated this sentence.'.length;
    const ours = createAnnotation({ id: 'urn:uuid:ours', document: 'merged.md', text, start, end, verdict: 'supports', note: 'ours' });
    const theirs = { ...createAnnotation({ id: 'urn:uuid:ours~theirs-1', document: 'merged.md', text, start, end, verdict: 'contradicts', note: 'theirs' }), conflictsWith: ours.id };
    mkdirSync(join(workspaceRoot(), '.literature'), { recursive: true });
    writeFileSync(annotationFile(), JSON.stringify({ schemaVersion: 2, documents: { 'merged.md': [ours, theirs] }, deleted: {} }));
    await (await api.claims.service.annotations())!.reload();
    api.claims.service.invalidate();
    const claimNodes = async () => (await viewNodes(api)).filter((node): node is Extract<ClaimsNode, { kind: 'claim' }> => node.kind === 'claim');
    const pair = await claimNodes();
    assert.equal(pair.length, 2);
    for (const node of pair) assert.match(String(api.claims.tree.getTreeItem(node).description), /^conflicted · /);
    const theirsNode = pair.find((node) => node.claim.annotation?.id === theirs.id);
    assert.equal(await vscode.commands.executeCommand('literatureCompanion.removeClaim', theirsNode, { confirm: false }), true);
    const kept = await claimNodes();
    assert.deepEqual(kept.map((node) => node.claim.annotation?.id), [ours.id]);
    assert.doesNotMatch(String(api.claims.tree.getTreeItem(kept[0]!).description), /conflicted/);
  });

  it('"Set Up Git Merge for Annotations" writes the .gitattributes line and the git config entry', async () => {
    execFileSync('git', ['init', '-q'], { cwd: workspaceRoot() });
    const result = await vscode.commands.executeCommand<{ attributesFile: string; driver: string } | undefined>('literatureCompanion.setUpGitMerge', { confirm: false });
    assert.ok(result, 'set up');
    assert.match(readFileSync(join(workspaceRoot(), '.gitattributes'), 'utf8'), /^\.literature\/annotations\.json merge=literature-companion$/m);
    assert.equal(execFileSync('git', ['config', 'merge.literature-companion.driver'], { cwd: workspaceRoot(), encoding: 'utf8' }).trim(), result.driver);
    assert.match(result.driver, /merge-annotations %O %A %B$/);
  });
});

describe('the save echo', () => {
  let api: LiteratureCompanionApi;

  before(async () => {
    api = await activateExtension();
  });

  /** Waits until the extension's own watcher has handled a file event after `handledBefore`, and its reload finished. */
  async function watcherHandled(handledBefore: number): Promise<void> {
    await waitFor(() => api.claims.service.fileEvents.handled > handledBefore, 'the annotation file watcher to handle the write');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a second event of the same write (create + change) settles
  }

  it('refreshes once per save: the watcher bringing back the extension\'s own write is skipped', async () => {
    const store = (await api.claims.service.annotations())!;
    await store.reload(); // whatever earlier tests left on disk is read first
    const text = 'The echo sentence.';
    let refreshes = 0;
    const subscription = api.claims.service.onDidChange(() => refreshes++);
    try {
      const { handled, ownEchoes } = { ...api.claims.service.fileEvents };
      await api.claims.service.save(createAnnotation({ id: 'urn:uuid:echo', document: 'echo.md', text, start: 0, end: text.length, verdict: 'supports', note: 'first' }));
      await watcherHandled(handled);
      assert.ok(api.claims.service.fileEvents.ownEchoes > ownEchoes, 'the watcher event was recognised as this window\'s own save');
      assert.equal(refreshes, 1, 'trees, panels and editors refreshed once for one save');
    } finally {
      subscription.dispose();
    }
  });

  it('still refreshes when another process changes the file', async () => {
    const store = (await api.claims.service.annotations())!;
    let refreshes = 0;
    const subscription = api.claims.service.onDidChange(() => refreshes++);
    try {
      const { handled } = api.claims.service.fileEvents;
      writeFileSync(annotationFile(), readFileSync(annotationFile(), 'utf8').replace('"first"', '"changed by another process"'));
      await watcherHandled(handled);
      assert.ok(refreshes >= 1, 'a write by another process refreshes');
      const annotation = store.list('echo.md')[0];
      assert.ok(annotation);
      assert.equal(noteOf(annotation), 'changed by another process');
    } finally {
      subscription.dispose();
    }
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
