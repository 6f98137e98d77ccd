/**
 * `make()` run on the first call, its promise shared by every later call: how the extension loads a
 * module with `import()` on first use (one load, however many callers race for it).
 */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
