// Finds the names of server functions a source file refers to by string: menu items,
// ScriptApp.newTrigger(...) handlers and google.script.run calls. Apps Script resolves these
// by name at run time, so a typo only shows when a person clicks, a trigger fires or a sidebar
// calls; a test checks each one exists in the bundle instead.

/** One reference: where it was found, how, and the function name it needs. */
export interface FunctionReference {
  readonly kind: 'menu item' | 'trigger' | 'google.script.run';
  readonly name: string;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const RUN_MODIFIERS = new Set(['withSuccessHandler', 'withFailureHandler', 'withUserObject']);

/**
 * The references in one file's text. A menu item or trigger named by a constant declared in
 * the same file (`const HANDLER = 'refresh'`) is resolved; one named any other way is reported
 * with the name `?` so a test can ask for a literal.
 */
export function findFunctionReferences(source: string): FunctionReference[] {
  const constants = new Map<string, string>();
  for (const match of source.matchAll(/\bconst\s+([A-Za-z_$][\w$]*)\s*=\s*(['"`])([\w$]+)\2/g)) {
    constants.set(match[1], match[3]);
  }
  const named = (argument: string): string => {
    const literal = /^\s*(['"`])([\w$]+)\1\s*$/.exec(argument);
    if (literal) return literal[2];
    return constants.get(argument.trim()) ?? '?';
  };

  const references: FunctionReference[] = [];
  for (const at of indexesOf(source, '.addItem(')) {
    const args = splitArguments(source, at + '.addItem('.length);
    if (args.length === 2) references.push({ kind: 'menu item', name: named(args[1]) });
  }
  for (const at of indexesOf(source, 'newTrigger(')) {
    const args = splitArguments(source, at + 'newTrigger('.length);
    references.push({ kind: 'trigger', name: named(args[0] ?? '') });
  }
  for (const at of indexesOf(source, 'google.script.run')) {
    const name = serverFunctionAfter(source, at + 'google.script.run'.length);
    if (name) references.push({ kind: 'google.script.run', name });
  }
  return references;
}

// Follows a google.script.run chain past its handlers to the server function it calls.
function serverFunctionAfter(source: string, start: number): string | null {
  let at = start;
  for (;;) {
    at = skipSpace(source, at);
    if (source[at] !== '.') return null;
    at = skipSpace(source, at + 1);
    IDENTIFIER.lastIndex = at;
    const word = IDENTIFIER.exec(source);
    if (!word) return null;
    at += word[0].length;
    if (!RUN_MODIFIERS.has(word[0])) return word[0];
    at = skipSpace(source, at);
    if (source[at] !== '(') return null;
    at = closingParenthesis(source, at) + 1;
  }
}

// The top-level arguments of a call whose text starts at `start` (just after its opening "(").
function splitArguments(source: string, start: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let at = start; at < source.length; at += 1) {
    const char = source[at];
    if (char === "'" || char === '"' || char === '`') {
      const end = closingQuote(source, at);
      current += source.slice(at, end + 1);
      at = end;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth += 1;
    if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) {
        args.push(current);
        return args.map((arg) => arg.trim()).filter((arg) => arg !== '');
      }
      depth -= 1;
    }
    if (char === ',' && depth === 0) {
      args.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  return args;
}

function closingParenthesis(source: string, open: number): number {
  let depth = 0;
  for (let at = open; at < source.length; at += 1) {
    const char = source[at];
    if (char === "'" || char === '"' || char === '`') at = closingQuote(source, at);
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return at;
  }
  return source.length;
}

function closingQuote(source: string, open: number): number {
  for (let at = open + 1; at < source.length; at += 1) {
    if (source[at] === '\\') at += 1;
    else if (source[at] === source[open]) return at;
  }
  return source.length;
}

function skipSpace(source: string, at: number): number {
  while (at < source.length && /\s/.test(source[at])) at += 1;
  return at;
}

function indexesOf(source: string, text: string): number[] {
  const found: number[] = [];
  for (let at = source.indexOf(text); at !== -1; at = source.indexOf(text, at + 1)) found.push(at);
  return found;
}
