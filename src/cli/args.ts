/**
 * The CLI's command lines, checked strictly: a misspelt flag (`--corpsu`) or a flag without its value must
 * stop the run (exit 2), never be ignored, or a CI step passes while checking nothing.
 */
export interface CommandSpec {
  /** Flags that take a value: `--name VALUE` or `--name=VALUE`. */
  readonly values: readonly string[];
  /** Flags that stand alone. */
  readonly switches: readonly string[];
  /** How many words that are not flags the command takes (search: any number). */
  readonly positionals: 'none' | 'one' | 'many';
}

const PDF_FLAGS = ['--pdfs', '--cache'];

export const COMMAND_SPECS: Readonly<Record<string, CommandSpec>> = {
  corpus: { values: ['--corpus'], switches: ['--json'], positionals: 'none' },
  verify: { values: ['--corpus', ...PDF_FLAGS], switches: ['--json'], positionals: 'none' },
  excerpt: { values: ['--corpus', '--paper', '--quote', '--page', ...PDF_FLAGS], switches: ['--json'], positionals: 'none' },
  claims: { values: ['--corpus', '--claims'], switches: ['--json'], positionals: 'none' },
  search: { values: ['--corpus', '--top', ...PDF_FLAGS], switches: ['--json', '--explain'], positionals: 'many' },
  export: { values: ['--corpus', '--format'], switches: [], positionals: 'none' },
  lint: { values: ['--corpus', '--annotations', ...PDF_FLAGS], switches: ['--json'], positionals: 'one' },
  'merge-annotations': { values: [], switches: [], positionals: 'many' },
  report: { values: ['--corpus', '--format', '--out', '--style', '--claims', '--annotations'], switches: [], positionals: 'one' },
};

export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/** The parsed arguments, or the one-line reason they are not usable. */
export function parseArgs(command: string, args: readonly string[]): ParsedArgs | { error: string } {
  const spec = COMMAND_SPECS[command];
  if (!spec) return { error: `unknown command "${command}"` };
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    if (spec.switches.includes(name)) {
      if (equals > 0) return { error: `${name} takes no value` };
      switches.add(name);
    } else if (spec.values.includes(name)) {
      const value = equals > 0 ? arg.slice(equals + 1) : args[index + 1];
      if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) return { error: `${name} needs a value` };
      if (values.has(name)) return { error: `${name} is given twice` };
      values.set(name, value);
      if (equals < 0) index++;
    } else {
      return { error: `unknown option "${name}" for ${command} (it takes ${[...spec.values, ...spec.switches].join(', ') || 'no options'})` };
    }
  }
  if (spec.positionals === 'none' && positionals.length > 0) return { error: `${command} takes no argument "${positionals[0]}"; options start with --` };
  if (spec.positionals === 'one' && positionals.length > 1) return { error: `${command} takes one file, not ${positionals.length}: ${positionals.join(' ')}` };
  return { values, switches, positionals };
}
