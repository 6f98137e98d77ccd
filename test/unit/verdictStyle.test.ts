// A verdict looks the same everywhere: the gutter icons and the claim panel's bar are files (SVG, CSS) that
// cannot import core/claims/verdictStyle, so this checks they use its colours; a change there must reach them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { VERDICTS } from '../../src/core/claims/model';
import { VERDICT_STYLE, verdictLooks } from '../../src/core/claims/verdictStyle';
import { projectRoot } from '../support/cli';

describe('verdict style', () => {
  it('gives the gutter icon of each verdict its editor colour', () => {
    for (const verdict of VERDICTS) {
      const svg = readFileSync(join(projectRoot, 'media', 'verdicts', `${verdict}.svg`), 'utf8');
      assert.match(svg, new RegExp(`fill="${VERDICT_STYLE[verdict].editorColour}"`, 'i'), `media/verdicts/${verdict}.svg`);
    }
  });

  it('gives the claim panel’s verdict bar the editor colour', () => {
    const css = readFileSync(join(projectRoot, 'media', 'panel.css'), 'utf8');
    for (const verdict of VERDICTS) {
      assert.match(css, new RegExp(`\\.status\\.verdict-${verdict} \\{ border-left-color: ${VERDICT_STYLE[verdict].editorColour}; \\}`, 'i'), `media/panel.css, verdict ${verdict}`);
    }
  });

  it('has words, an icon and colours for every verdict, in the verdicts’ order', () => {
    assert.deepEqual(Object.keys(VERDICT_STYLE), [...VERDICTS]);
    assert.deepEqual(verdictLooks('label'), { supports: 'supports', 'partially-supports': 'partially supports', contradicts: 'contradicts', 'not-addressed': 'not addressed' });
  });
});
