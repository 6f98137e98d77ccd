/**
 * The web build's guard (esbuild plugin): the web worker extension host has no Node, so a Node built-in or
 * a Node global in code the web entry reaches fails the build, naming the file and what to do, instead of
 * failing at run time in someone's browser. `node:path` is the one exception: it resolves to the project's
 * own pure posixPath.ts (string functions; every path on the web is a '/'-separated URI path).
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative, resolve } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const NODE_GLOBALS = /\b(Buffer\s*[.(]|process\s*\.|__dirname|__filename|setImmediate\s*\()|\brequire\s*\((?!\s*['"])|\brequire\.|\bcreateRequire\b/;

/** Code without comments and string literals, so a word in a message or a comment is not taken for a use. */
function codeOf(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, "''");
}

export const webGuard = {
  name: 'web-guard',
  setup(build) {
    build.onResolve({ filter: /^(node:)?path$/ }, () => ({ path: resolve('src/core/platform/posixPath.ts') }));
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!NODE_BUILTINS.has(args.path)) return undefined;
      return { errors: [{ text: `${args.path} is Node-only: it cannot run in the web worker extension host (imported by ${relative('.', args.importer)}). Take a core/platform interface (FileSystem, sha256Hex) instead, or keep the module out of src/web/extension.ts's reach.` }] };
    });
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const lines = codeOf(readFileSync(args.path, 'utf8')).split('\n');
      const errors = [];
      lines.forEach((line, index) => {
        const found = NODE_GLOBALS.exec(line);
        if (found) errors.push({ text: `"${found[0]}" is a Node global: the web worker extension host has none. Use Uint8Array/TextEncoder, core/platform, or keep this module out of the web entry's reach.`, location: { file: relative('.', args.path), line: index + 1, column: found.index, lineText: line } });
      });
      return errors.length > 0 ? { errors } : undefined;
    });
  },
};
