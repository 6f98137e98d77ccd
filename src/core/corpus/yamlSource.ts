import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';

export type FieldPath = readonly (string | number)[];

/** Thrown for the first invalid field of an item; carries the field's path so its line can be found. */
export class FieldError extends Error {
  constructor(
    readonly path: FieldPath,
    message: string,
  ) {
    super(message);
  }
}

/** Parsed YAML that still knows where each value came from, so errors can name a line. */
export class YamlSource {
  private constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    private readonly lineOffset: number,
    readonly data: unknown,
  ) {}

  /** Parses `text`; `lineOffset` is the number of file lines before it (e.g. the `---` of front matter). */
  static parse(text: string, lineOffset = 0): YamlSource | { line: number; message: string } {
    // The parser recurses once a level, and costs some 30 µs and 3 kB a node: a few hundred kB of "[[[["
    // or a 1 MB list of tiny items costs seconds and hundreds of MB. So the shape is measured (cheaply) first.
    const tooDeep = findExcessiveNesting(text);
    if (tooDeep) return { line: tooDeep.line + lineOffset, message: tooDeep.message };
    const lineCounter = new LineCounter();
    // uniqueKeys is checked below in one pass: the parser's own check compares each key with every key
    // before it (n² steps; ~40 ms for the 1,174-term lexicon).
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const first = document.errors[0];
    if (first) {
      const line = lineCounter.linePos(first.pos[0]).line + lineOffset;
      return { line, message: `invalid YAML: ${first.message.split('\n')[0]}` };
    }
    // A repeated key is an error, not a silent override.
    const repeated = firstRepeatedKey(document);
    if (repeated !== undefined) return { line: lineCounter.linePos(repeated).line + lineOffset, message: 'invalid YAML: Map keys must be unique' };
    let data: unknown;
    try {
      // maxAliasCount: an alias that expands to millions of nodes ("billion laughs") is refused.
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
      return { line: 1 + lineOffset, message: 'invalid YAML: its aliases (*name) expand to too many values; write the values out instead of nesting aliases' };
    }
    return new YamlSource(document, lineCounter, lineOffset, data);
  }

  /**
   * 1-based file line of each key of the mapping at `path`, in one pass. lineOf() for every key of a
   * mapping looks each key up from the start (n² steps): 1,174 lexicon terms cost ~100 ms that way.
   */
  keyLines(path: FieldPath): Map<string, number> {
    const lines = new Map<string, number>();
    const node = path.length === 0 ? this.document.contents : this.document.getIn(path, true);
    if (!isMap(node)) return lines;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : undefined;
      if (key?.range && !lines.has(String(key.value))) lines.set(String(key.value), this.lineCounter.linePos(key.range[0]).line + this.lineOffset);
    }
    return lines;
  }

  /** 1-based file line of the value at `path`, or of its nearest existing ancestor. */
  /** The line and the field's name of `path`: where a FieldError points a person to. */
  locate(path: FieldPath): { line: number | undefined; field: string } {
    return { line: this.lineOf(path), field: formatPath(path) };
  }

  lineOf(path: FieldPath): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? this.document.contents : this.document.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        return this.lineCounter.linePos(node.range[0]).line + this.lineOffset;
      }
    }
    return undefined;
  }
}

/** Offset of the first key that repeats an earlier key of its mapping (the parser's uniqueKeys rule: equal scalar values). */
function firstRepeatedKey(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        const identity = isScalar(key) ? key.value : key;
        if (seen.has(identity)) {
          offset = isNode(key) && key.range ? key.range[0] : (map.range?.[0] ?? 0);
          return visit.BREAK;
        }
        seen.add(identity);
      }
      return undefined;
    },
  });
  return offset;
}

export function formatPath(path: FieldPath): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}

/** Typed accessors over an untyped YAML mapping; each throws a FieldError naming the field. */
export class Fields {
  constructor(
    private readonly value: unknown,
    private readonly path: FieldPath = [],
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new FieldError(path, `expected a mapping of fields, found ${describe(value)}`);
    }
  }

  private get(key: string): unknown {
    return (this.value as Record<string, unknown>)[key];
  }

  at(key: string | number): FieldPath {
    return [...this.path, key];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined && this.get(key) !== null;
  }

  string(key: string): string {
    const value = this.get(key);
    if (value === undefined || value === null) throw new FieldError(this.at(key), `required field "${key}" is missing`);
    if (typeof value === 'number' && (key === 'id' || key === 'paper' || key === 'challenge' || key === 'parent')) {
      throw new FieldError(this.at(key), `"${key}" must be a quoted string (YAML read ${value} as a number); write "${value}" with quotes`);
    }
    if (typeof value !== 'string') throw new FieldError(this.at(key), `"${key}" must be text, found ${describe(value)}`);
    if (value.trim() === '') throw new FieldError(this.at(key), `"${key}" is empty`);
    return value.trim();
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  integer(key: string, min: number, max: number): number {
    const value = this.get(key);
    if (value === undefined || value === null) throw new FieldError(this.at(key), `required field "${key}" is missing`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new FieldError(this.at(key), `"${key}" must be a whole number from ${min} to ${max}, found ${describe(value)}`);
    }
    return value;
  }

  list(key: string, options: { optional?: boolean } = {}): unknown[] {
    const value = this.get(key);
    if ((value === undefined || value === null) && options.optional) return [];
    if (!Array.isArray(value)) throw new FieldError(this.at(key), `"${key}" must be a list, found ${describe(value)}`);
    return value;
  }

  stringList(key: string): string[] {
    const items = this.list(key);
    if (items.length === 0) throw new FieldError(this.at(key), `"${key}" must not be empty`);
    return items.map((item, index) => {
      if (typeof item !== 'string' || item.trim() === '') {
        throw new FieldError([...this.path, key, index], `"${key}" must hold text items, item ${index + 1} is ${describe(item)}`);
      }
      return item.trim();
    });
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    if (fallback !== undefined && !this.has(key)) return fallback;
    const value = this.string(key);
    if (!(allowed as readonly string[]).includes(value)) {
      throw new FieldError(this.at(key), `"${key}" must be one of ${allowed.join(', ')}, found "${value}"`);
    }
    return value as T;
  }

  /** Fields of the mapping at list item `index` of `key`. */
  item(key: string, items: unknown[], index: number): Fields {
    return new Fields(items[index], [...this.path, key, index]);
  }

  /** Fails on keys the schema does not know: a typo must not silently lose a field. */
  onlyKeys(allowed: readonly string[]): void {
    for (const key of Object.keys(this.value as object)) {
      if (!allowed.includes(key)) {
        throw new FieldError(this.at(key), `unknown field "${key}" (allowed: ${allowed.join(', ')})`);
      }
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** Deeper and larger than any corpus or claims file needs (the bundled claims: ~700); far below what makes the parser slow. */
export const MAX_YAML_FLOW_DEPTH = 64;
export const MAX_YAML_INDENT = 256;
export const MAX_YAML_ENTRIES = 10_000;

/**
 * The first line where nesting goes past the limits, or undefined. Flow nesting (`[`, `{`) is counted
 * outside quotes and comments; block nesting shows as indentation (each level at least one column, and
 * `- - -` on one line counts as indentation too).
 */
export function findExcessiveNesting(text: string): { line: number; message: string } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  // Lines with content plus flow items: at least the number of nodes the parser would build.
  let entries = 0;
  const tooMany = () => ({ line, message: `invalid YAML: more than ${MAX_YAML_ENTRIES.toLocaleString('en')} entries (lines and list items); a corpus or claims file holds a few hundred; split it` });
  for (let index = 0; index <= text.length; index++) {
    const char = text[index];
    if (index === lineStart) {
      const indent = /^[ \t]*(?:[-?:][ \t]+)*/.exec(text.slice(index, index + MAX_YAML_INDENT + 2))![0].length;
      if (indent > MAX_YAML_INDENT) return { line, message: `invalid YAML: nesting is deeper than ${MAX_YAML_INDENT} columns of indentation; corpus files need a few levels` };
      // A key at column 0 starts a new top-level entry: an unclosed bracket in prose above does not count.
      if (indent === 0 && char !== undefined && !'[{]}#\n\r'.includes(char)) depth = 0;
      if (char !== undefined && char !== '\n' && char !== '#' && ++entries > MAX_YAML_ENTRIES) return tooMany();
    }
    if (char === undefined) break;
    if (char === '\n') {
      line++;
      lineStart = index + 1;
    } else if (char === '"' || char === "'") {
      index = skipQuoted(text, index, char);
    } else if (char === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
      const end = text.indexOf('\n', index);
      index = (end < 0 ? text.length : end) - 1;
    } else if (char === ',' && depth > 0) {
      if (++entries > MAX_YAML_ENTRIES) return tooMany();
    } else if (char === '[' || char === '{') {
      if (++entries > MAX_YAML_ENTRIES) return tooMany();
      if (++depth > MAX_YAML_FLOW_DEPTH) return { line, message: `invalid YAML: brackets nest deeper than ${MAX_YAML_FLOW_DEPTH} levels; corpus files need a few` };
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Index of the closing quote (or the end of the line, for a quote YAML would reject anyway). */
function skipQuoted(text: string, open: number, quote: string): number {
  for (let index = open + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') return index - 1;
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index;
    }
  }
  return text.length;
}
