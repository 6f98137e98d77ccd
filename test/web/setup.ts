// Imported first by index.ts, so `describe` exists before the suites are evaluated: mocha's browser build
// (the web worker extension host has no Node, so no `require('mocha')`), printing through console.log.
import 'mocha/mocha';

mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 30_000, color: false });
