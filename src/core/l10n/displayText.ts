// Display texts in the person's language. A table of English messages (the keys of l10n/bundle.l10n.*.json)
// is declared next to the code that shows it; the host localizes the whole table with vscode.l10n.t and
// hands it to core functions or to a webview. The CLI and unit tests use the English tables as they are.
// Dependency-free: the webviews import it to fill in the texts the host sent them.

/** One table of display texts: English messages as declared, or their translation, and the locale they are in. */
export interface DisplayTexts<Key extends string> {
  /** A BCP 47 tag (vscode.env.language); it chooses the plural forms. */
  readonly locale: string;
  readonly messages: Readonly<Record<Key, string>>;
}

export type TextArgument = string | number;

/** A table of English messages, the defaults wherever no host localizes them. */
export function englishTexts<Key extends string>(messages: Readonly<Record<Key, string>>): DisplayTexts<Key> {
  return { locale: 'en', messages };
}

/** Replaces `{0}`, `{1}`… by the arguments (the placeholders vscode.l10n.t uses); unknown ones stay as written. */
export function fillIn(template: string, ...args: readonly TextArgument[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

/** The CLDR plural categories, in the order a message lists its forms. */
const PLURAL_ORDER: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * Which of a message's `|`-separated forms fits `count`: the forms follow the locale's plural categories
 * in CLDR order (English "one|other", Russian "one|few|many"); a missing form falls back to the last one.
 */
export function pluralIndex(locale: string, count: number): number {
  try {
    const rules = new Intl.PluralRules(locale);
    const categories = PLURAL_ORDER.filter((category) => rules.resolvedOptions().pluralCategories.includes(category));
    return Math.max(0, categories.indexOf(rules.select(count)));
  } catch {
    return count === 1 ? 0 : 1; // not a locale Intl knows (e.g. VS Code's pseudo-locale)
  }
}

/** A message of the table, filled in. */
export function say<Key extends string>(texts: DisplayTexts<Key>, key: Key, ...args: readonly TextArgument[]): string {
  return fillIn(texts.messages[key], ...args);
}

/**
 * A message with a count, e.g. "{0} quote|{0} quotes": the form for `count` in the table's locale, with
 * `{0}` the count and `{1}`… the further arguments.
 */
export function sayCount<Key extends string>(texts: DisplayTexts<Key>, key: Key, count: number, ...args: readonly TextArgument[]): string {
  const forms = texts.messages[key].split('|');
  const form = forms[Math.min(pluralIndex(texts.locale, count), forms.length - 1)]!;
  return fillIn(form, count, ...args);
}

/** A table whose messages the host looked up in its own language (`translate` is vscode.l10n.t). */
export function translatedTexts<Key extends string>(english: DisplayTexts<Key>, locale: string, translate: (message: string) => string): DisplayTexts<Key> {
  const messages = Object.fromEntries(Object.entries<string>(english.messages).map(([key, message]) => [key, translate(message)])) as Record<Key, string>;
  return { locale, messages };
}

/**
 * Texts a webview received (from its page's data): every key of `english` present and a string, else the
 * English message for that key. A webview trusts nothing it parses.
 */
export function receivedTexts<Key extends string>(english: DisplayTexts<Key>, raw: string | undefined): DisplayTexts<Key> {
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(raw) : undefined;
  } catch {
    parsed = undefined;
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as { locale?: unknown; messages?: unknown }) : {};
  const received = typeof record.messages === 'object' && record.messages !== null ? (record.messages as Record<string, unknown>) : {};
  const messages = Object.fromEntries(Object.entries<string>(english.messages).map(([key, message]) => {
    const value = received[key];
    return [key, typeof value === 'string' ? value : message];
  })) as Record<Key, string>;
  return { locale: typeof record.locale === 'string' ? record.locale : english.locale, messages };
}
