// The bundle's entry: the build wraps this in one global and adds a top-level stub per entry
// point, because Apps Script only calls top-level function declarations.
export { entryPoints } from './entryPoints';
