/** A CommonJS package's exports, imported from source (named) or from a bundle (under `default`). */
export function namedExports<T extends object>(module: T): T {
  const fallback = (module as { default?: T }).default;
  return Object.keys(module).length > 1 || !fallback ? module : fallback;
}
