import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../src/core/corpus/load';
import { escapeBibtex, parseBibliography, parseBibtexPapers, parseCslJsonPapers, toBibtex, toCslJson, writeImportedPapers, type CitablePaper } from '../../src/core/citations';

const paper: CitablePaper = {
  id: '2009.01325',
  title: 'Learning to summarize from human feedback: 100% {RLHF} & $x_1$ #1 ~ ^',
  authors: ['Nisan Stiennon', 'Jürgen Müller', 'Research, Inc. and Co'],
  year: 2020,
  venue: 'NeurIPS 2020',
  version: 'v3',
  pdfUrl: 'https://arxiv.org/pdf/2009.01325v3',
  bibtexKey: 'stiennon2020learning',
};

describe('BibTeX and CSL-JSON export', () => {
  it('escapes LaTeX specials and braces so every field stays closed', () => {
    assert.equal(escapeBibtex('100% {x} & $ # _ ~ ^ \\'), '100\\% \\{x\\} \\& \\$ \\# \\_ \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
    const bib = toBibtex([paper]);
    assert.match(bib, /^@inproceedings\{stiennon2020learning,$/m);
    assert.match(bib, /title = \{\{Learning to summarize from human feedback: 100\\% \\\{RLHF\\\} \\& \\\$x\\_1\\\$ \\#1 \\textasciitilde\{\} \\textasciicircum\{\}\}\},/);
    assert.match(bib, /author = \{Nisan Stiennon and Jürgen Müller and \{Research, Inc\. and Co\}\},/);
    assert.match(bib, /eprint = \{2009\.01325v3\},\n {2}archivePrefix = \{arXiv\},/);
  });

  it('round-trips through the BibTeX parser (export, then import)', () => {
    const back = parseBibtexPapers(toBibtex([paper, { ...paper, id: '2212.08073', venue: 'arXiv preprint', version: 'v1', bibtexKey: 'bai2022', pdfUrl: 'https://arxiv.org/pdf/2212.08073v1' }]), 'export.bib');
    assert.deepEqual(back.problems, []);
    assert.equal(back.papers[0]!.title, paper.title);
    assert.deepEqual(back.papers[0]!.authors, paper.authors);
    assert.deepEqual([back.papers[0]!.id, back.papers[0]!.version, back.papers[1]!.id], ['2009.01325', 'v3', '2212.08073']);
  });

  it('writes CSL-JSON items with names split, the arXiv number and the date', () => {
    const [item] = JSON.parse(toCslJson([paper]));
    assert.equal(item.id, 'stiennon2020learning');
    assert.deepEqual(item.author[0], { family: 'Stiennon', given: 'Nisan' });
    assert.deepEqual(item.issued, { 'date-parts': [[2020]] });
    assert.equal(item.number, 'arXiv:2009.01325');
    assert.equal(item['container-title'], 'NeurIPS 2020');
    assert.deepEqual(parseCslJsonPapers(toCslJson([paper]), 'x.json').papers[0]!.id, '2009.01325');
  });
});

const BIB = `% Exported by Better BibTeX
@string{neurips = {NeurIPS}}

@inproceedings{stiennon2020learning,
  title = {Learning to Summarize from Human Feedback},
  author = {Stiennon, Nisan and Ouyang, Long},
  booktitle = neurips,
  year = {2020},
  eprint = {2009.01325v3},
  archivePrefix = {arXiv},
}

@article{broken,
  title = {Unclosed brace,
  author = {Doe, Jane},

@article{notitle,
  author = {Doe, Jane},
  year = 2021,
  url = {https://example.org/a.pdf},
}

@article{smith2021,
  title = {A Paper Without arXiv},
  author = {Smith, John},
  year = {2021},
  doi = {10.1000/xyz123},
}

@misc{nourl,
  title = {Nowhere},
  author = {Roe, Richard},
  year = {2019},
}

@misc{dup,
  title = {Same arXiv id again},
  author = {X, Y},
  year = {2020},
  url = {https://arxiv.org/abs/2009.01325v2},
}
`;

describe('import from BibTeX and CSL-JSON', () => {
  it('imports the good entries and reports the bad ones with their line numbers', () => {
    const result = parseBibtexPapers(BIB, 'zotero.bib');
    assert.deepEqual(result.papers.map((p) => [p.id, p.version, p.venue, p.line]), [
      ['2009.01325', 'v3', 'NeurIPS', 4],
      ['smith2021', 'v1', '', 23],
    ]);
    assert.equal(result.papers[1]!.pdfUrl, 'https://doi.org/10.1000/xyz123');
    assert.deepEqual(result.problems.map((p) => [p.line, p.key]), [
      [13, 'broken'],
      [17, 'notitle'],
      [30, 'nourl'],
      [36, 'dup'],
    ]);
    assert.match(result.problems[1]!.message, /has no title/);
    assert.match(result.problems[2]!.message, /neither an arXiv id nor an https URL or DOI/);
    assert.match(result.problems[3]!.message, /same id "2009\.01325" as the entry on line 4/);
  });

  it('imports CSL-JSON with line numbers for bad items, and reports invalid JSON where it breaks', () => {
    const csl = `[
  {"id": "lee2023", "type": "article", "title": "RLAIF", "author": [{"family": "Lee", "given": "Harrison"}],
   "issued": {"date-parts": [[2023]]}, "URL": "https://arxiv.org/abs/2309.00267v3"},
  {"id": "bad", "title": "No year", "author": [{"literal": "Org"}]},
  42
]`;
    const result = parseCslJsonPapers(csl, 'z.json');
    assert.deepEqual(result.papers.map((p) => [p.id, p.version, p.authors]), [['2309.00267', 'v3', ['Harrison Lee']]]);
    assert.deepEqual(result.problems.map((p) => [p.line, p.message]), [
      [4, 'has no year'],
      [5, 'item 3 is not an object'],
    ]);
    assert.equal(parseBibliography(csl, 'z.json').papers.length, 1);
    const broken = parseCslJsonPapers('[\n  {"id": "x",\n  "title": "a" "b"}\n]', 'b.json');
    assert.ok([2, 3].includes(broken.problems[0]!.line), `line ${broken.problems[0]!.line}`);
    assert.match(broken.problems[0]!.message, /is not valid JSON/);
  });

  it('writes paper files the corpus loader accepts, and never overwrites an existing one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'litcomp-import-'));
    const { papers } = parseBibtexPapers(BIB, 'zotero.bib');
    const first = await writeImportedPapers(root, papers, 'zotero.bib');
    assert.equal(first.written.length, 2);
    assert.match(readFileSync(join(root, 'papers', '2009.01325.md'), 'utf8'), /^---\nid: "2009\.01325"\n/);
    const corpus = await loadCorpus(root);
    assert.deepEqual(corpus.problems.filter((p) => p.kind === 'paper'), []);
    assert.deepEqual([...corpus.papers.keys()].sort(), ['2009.01325', 'smith2021']);
    writeFileSync(join(root, 'papers', 'smith2021.md'), 'mine');
    const second = await writeImportedPapers(root, papers, 'zotero.bib');
    assert.equal(second.written.length, 0);
    assert.match(second.problems[0]!.message, /already exists; it was left as it is/);
    assert.equal(readFileSync(join(root, 'papers', 'smith2021.md'), 'utf8'), 'mine');
  });
});
