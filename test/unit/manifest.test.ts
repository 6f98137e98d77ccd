// The contributions a person reaches through menus: checked in package.json, where VS Code reads them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const itemMenu: { command: string; when: string; group?: string }[] = manifest.contributes.menus['view/item/context'];

describe('package.json contributions', () => {
  it('"Re-attach to Selection" is in the context menu of an orphaned claim, not only an inline icon', () => {
    const entries = itemMenu.filter((entry) => entry.command === 'literatureCompanion.reattachOrphan' && /viewItem == claim\.orphan/.test(entry.when));
    assert.ok(entries.some((entry) => entry.group === 'inline'), 'still an inline icon');
    assert.ok(entries.some((entry) => entry.group !== undefined && entry.group !== 'inline'), 'and a context-menu entry');
  });
});
