// Issue 9: a CI step must not pass while checking nothing. Unknown flags and flags without values exit 2
// with usage; a missing folder or file exits 1; every failure is one line, never a stack trace; text
// printed to a terminal carries no escape sequences from corpus text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseArgs } from '../../src/cli/args';
import { processIo, stripTerminalControls } from '../../src/cli/terminal';
import { paperFile, writeCorpus } from '../support/corpusFixture';

const bin = join(__dirname, '..', '..', 'bin', 'literature-companion.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at |TypeError|RangeError|ReferenceError/, stderr);

describe('CLI options', () => {
  for (const args of [['corpus', '--corpsu', 'X'], ['verify', '--pdf', 'X'], ['claims', '--jsn'], ['search', 'reward', '--topp', '3']]) {
    it(`exits 2 with usage on an unknown option: ${args.join(' ')}`, () => {
      const result = run(...args);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`unknown option "${args.find((a) => a.startsWith('--'))}"`));
      assert.match(result.stderr, /Usage: literature-companion/);
      assert.equal(result.stdout, '');
    });
  }

  for (const args of [['corpus', '--corpus'], ['corpus', '--corpus', '--json'], ['lint', 'x.md', '--annotations'], ['excerpt', '--paper']]) {
    it(`exits 2 when an option has no value: ${args.join(' ')}`, () => {
      const result = run(...args);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /needs a value/);
    });
  }

  it('exits 2 on a stray argument to a command that takes none', () => {
    const result = run('corpus', 'extra');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /corpus takes no argument "extra"/);
  });

  it('accepts --name=value and keeps a query word that looks like a value', () => {
    const parsed = parseArgs('search', ['reward', 'hacking', '--top=3', '--json']);
    assert.ok(!('error' in parsed));
    assert.deepEqual([parsed.positionals, parsed.values.get('--top'), parsed.switches.has('--json')], [['reward', 'hacking'], '3', true]);
  });

  it('exits 1 naming the folder when --pdfs or --corpus does not exist', () => {
    const pdfs = run('verify', '--pdfs', '/nonexistent-litcomp');
    assert.equal(pdfs.status, 1);
    assert.match(pdfs.stderr, /--pdfs \/nonexistent-litcomp: the folder does not exist/);
    const corpus = run('corpus', '--corpus', '/nonexistent-litcomp');
    assert.equal(corpus.status, 1);
    assert.match(corpus.stderr, /--corpus \/nonexistent-litcomp: the folder does not exist/);
  });
});

describe('lint on the wrong kind of path', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'litcomp-lint-paths-'));
  mkdirSync(join(workspace, '.literature'));
  writeFileSync(join(workspace, 'talk.md'), 'A talk.\n');

  it('exits 1 in one line for --annotations naming a folder', () => {
    const result = run('lint', join(workspace, 'talk.md'), '--annotations', join(workspace, '.literature'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /\.literature is a folder; lint checks one document/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    noStack(result.stderr);
  });

  it('exits 1 for --annotations naming a file that does not exist (it used to pass with 0 claims)', () => {
    const result = run('lint', join(workspace, 'talk.md'), '--annotations', join(workspace, 'missing.json'));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /missing\.json does not exist/);
  });

  it('exits 1 in one line for lint on a folder', () => {
    const result = run('lint', workspace);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /is a folder; lint checks one document/);
    noStack(result.stderr);
  });
});

describe('text printed to a terminal', () => {
  const hostile = 'Title \u001b]52;c;ZWNobyBwd25lZA==\u0007with \u001b[2J\u001b[31mred\u001b[0m and \u009b31m C1, a bell\u0007 and a \u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\.';

  it('loses every escape sequence (OSC 52 clipboard, CSI, C1, hyperlinks) but keeps the words, newlines and tabs', () => {
    assert.equal(stripTerminalControls(hostile), 'Title with red and  C1, a bell and a link.');
    assert.equal(stripTerminalControls('a\tb\nc'), 'a\tb\nc');
  });

  it('is cleaned only when the stream is a terminal; piped output stays byte-exact', () => {
    const written: string[] = [];
    const tty = processIo({ isTTY: true, write: (text: string) => written.push(text) }, { isTTY: true, write: (text: string) => written.push(text) });
    tty.out(hostile);
    tty.err(hostile);
    assert.deepEqual(written, ['Title with red and  C1, a bell and a link.\n', 'Title with red and  C1, a bell and a link.\n']);
    const piped: string[] = [];
    processIo({ isTTY: false, write: (text: string) => piped.push(text) }, { write: () => true }).out(hostile);
    assert.deepEqual(piped, [`${hostile}\n`]);
  });

  it('reaches the terminal through the CLI: a paper title with OSC 52 is printed without it', () => {
    const root = writeCorpus({ 'papers/1.md': paperFile('1', { title: '"Evil \\e]52;c;ZWNobyBwd25lZA==\\a title"' }) });
    // `script` gives the CLI a real terminal; without it this check cannot run here.
    const probe = spawnSync('script', ['-qec', 'true', '/dev/null']);
    if (probe.status !== 0) return;
    const result = spawnSync('script', ['-qec', `"${process.execPath}" "${bin}" corpus --corpus "${root}"`, '/dev/null'], { encoding: 'utf8' });
    assert.match(result.stdout, /Evil  title/);
    assert.doesNotMatch(result.stdout, /\u001b\]52/);
    const piped = run('corpus', '--corpus', root);
    assert.match(piped.stdout, /\u001b\]52;c;/, 'piped output is left as it is');
  });
});
