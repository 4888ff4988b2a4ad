// What the build needs to know to write the top-level stubs: the entry point names and, for
// custom functions, the JSDoc block Sheets reads. Runs in Node at build time only.
import {
  customFunctionDeclarations,
  findCustomFunction,
} from '../core/customFunctions/declarations';
import { renderCustomFunctionJsDoc } from '../core/customFunctions/jsDoc';
import { entryPoints } from './entryPoints';

/** One top-level function the build writes into Code.js. */
export interface StubDescription {
  readonly name: string;
  /** Parameter names for the stub's signature (custom functions only; others take `...`). */
  readonly parameters: readonly string[];
  /** The JSDoc block above the stub, for custom functions. */
  readonly jsDoc: string | null;
}

/** Every entry point, in the order entryPoints.ts lists them. */
export function describeStubs(): StubDescription[] {
  return Object.keys(entryPoints).map((name) => {
    const declaration = findCustomFunction(name);
    return declaration
      ? {
          name,
          parameters: declaration.args.map((argument) => argument.name),
          jsDoc: renderCustomFunctionJsDoc(declaration),
        }
      : { name, parameters: [], jsDoc: null };
  });
}

/** Mistakes the build refuses: custom functions without an entry point, names Apps Script hides. */
export function findStubProblems(): string[] {
  const names = Object.keys(entryPoints);
  const unlisted = customFunctionDeclarations
    .filter((declaration) => !names.includes(declaration.name))
    .map(
      (declaration) =>
        `${declaration.name} is declared in declarations.ts but missing from entryPoints.ts.`,
    );
  const hidden = names
    .filter((name) => !/^[A-Za-z_$][\w$]*$/.test(name) || name.endsWith('_'))
    .map(
      (name) =>
        `${name} cannot be a top-level function Apps Script calls (names ending in _ are private).`,
    );
  return [...unlisted, ...hidden];
}
