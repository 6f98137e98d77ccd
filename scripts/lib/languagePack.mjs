// A minimal VS Code language pack, so that code-server can run its workbench in another display language
// offline (the Marketplace's packs are out of reach here). VS Code's own strings stay English (the pack
// translates none of them); what changes is the display language itself: `vscode.env.language`, the
// extension's l10n/bundle.l10n.<locale>.json and package.nls.<locale>.json.
//
// Why two files: code-server resolves `--locale` through <user-data-dir>/languagepacks.json and falls back
// to English when the locale has no entry. VS Code writes that file only when a pack is installed through
// a running server (its LocalizationsUpdater; `--install-extension` from the command line and a folder in
// the extensions dir do not write it), so the entry is written here, in the form VS Code writes it.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NAMES = { ru: ['Russian', 'русский'] };

/** Puts a language pack for `locale` into `extensionsDir` and registers it in `userDataDir`. */
export function installLanguagePack({ locale, extensionsDir, userDataDir }) {
  const [languageName, localizedLanguageName] = NAMES[locale] ?? [locale, locale];
  const id = `literature-companion-tests.language-pack-${locale}`;
  const version = '0.0.1';
  const folder = join(extensionsDir, `${id}-${version}`);
  mkdirSync(join(folder, 'translations'), { recursive: true });
  const manifest = {
    name: `language-pack-${locale}`,
    publisher: 'literature-companion-tests',
    version,
    engines: { vscode: '*' },
    contributes: { localizations: [{ languageId: locale, languageName, localizedLanguageName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
  };
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  const hash = createHash('md5').update(id).update(version).digest('hex');
  const entry = { hash, extensions: [{ extensionIdentifier: { id }, version }], translations: { vscode: join(folder, 'translations', 'main.i18n.json') }, label: localizedLanguageName };
  mkdirSync(userDataDir, { recursive: true });
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }));
}
