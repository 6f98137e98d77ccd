/**
 * Libraries the extension loads only when first needed (see the require() where each is used): in the
 * activation bundle a require of one of them becomes a require of its own bundle in dist/, which
 * esbuild.mjs builds beside extension.js. Shared with the bench, which measures the activation bundle.
 */
export const LAZY_VENDORS = { 'markdown-it': 'vendor-markdown-it' };

export const lazyVendors = {
  name: 'lazy-vendors',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_VENDORS).join('|')})$`);
    build.onResolve({ filter }, (args) => (args.kind === 'require-call' ? { path: `./${LAZY_VENDORS[args.path]}.js`, external: true } : undefined));
  },
};
