// One answer to "which annotation file?" (issue #10): a talk in a sub-folder with its own `.literature/`
// is annotated in the editor and linted by the CLI against the SAME file.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/annotations';
import { activateExtension } from './support';

const SENTENCE = 'Reward models trained on comparisons can be gamed by the policy.';

describe('a talk in a sub-folder with its own .literature/', () => {
  const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const folder = () => join(workspaceRoot(), 'nested-talk');
  const nestedFile = () => join(folder(), '.literature', 'annotations.json');

  before(() => {
    mkdirSync(join(folder(), '.literature'), { recursive: true });
    writeFileSync(nestedFile(), JSON.stringify({ schemaVersion: 2, documents: {}, deleted: {} }, null, 2));
    writeFileSync(join(folder(), 'talk.md'), `# A nested talk\n\n${SENTENCE}\n`);
  });

  it('is annotated in its own file, under its path relative to that folder, and lint reads the same file', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument(join(folder(), 'talk.md'));
    const editor = await vscode.window.showTextDocument(document);
    const start = document.getText().indexOf(SENTENCE);
    editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(start + SENTENCE.length));
    const annotation = await vscode.commands.executeCommand<Annotation>('literatureCompanion.linkClaim', { evidence: [], verdict: 'not-addressed' });
    assert.ok(annotation, 'the claim was linked');

    const nested = JSON.parse(readFileSync(nestedFile(), 'utf8'));
    assert.deepEqual(Object.keys(nested.documents), ['talk.md'], 'stored in the nested file under its own relative path');
    const rootFile = join(workspaceRoot(), '.literature', 'annotations.json');
    const atRoot = existsSync(rootFile) ? JSON.parse(readFileSync(rootFile, 'utf8')) : { documents: {} };
    assert.ok(!Object.keys(atRoot.documents).some((key) => key.includes('nested-talk')), 'not in the workspace folder\'s file');
    assert.equal((await api.claims.service.claimsOf(document)).claims.filter((claim) => claim.origin === 'annotation').length, 1);

    // The CLI, run as in a talk's CI, finds that annotation (an unsupported claim: exit 1 naming it).
    const projectRoot = process.env.LITCOMP_PROJECT_ROOT!;
    let output = '';
    try {
      execFileSync(process.execPath, [join(projectRoot, 'bin', 'literature-companion.cjs'), 'lint', join(folder(), 'talk.md'), '--json'], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      assert.fail('lint should exit 1 on the unsupported claim');
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? '');
    }
    const report = JSON.parse(output);
    assert.equal(report.annotations, nestedFile());
    assert.deepEqual(report.claims.map((claim: { text: string }) => claim.text), [SENTENCE]);
  });
});
