// Every function named by string in the sources (menu items, trigger handlers, sidebar calls)
// exists as a top-level function in the built bundle.
import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';
import { createAppsScriptDouble } from '../support/appsScriptDouble';
import { buildAddOn, loadAddOn } from '../support/builtAddOn';
import { FunctionReference, findFunctionReferences } from '../support/functionReferences';

const SOURCES = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|html)$/.test(name) ? [path] : [];
  });
}

const references = sourceFiles(SOURCES).flatMap((path) =>
  findFunctionReferences(readFileSync(path, 'utf8')).map((reference) => ({
    ...reference,
    file: relative(SOURCES, path),
  })),
);

describe('functions named by string in the sources', () => {
  const scope = loadAddOn(buildAddOn().code, createAppsScriptDouble().globals);

  test('include the add-on menu items', () => {
    expect(references.filter((reference) => reference.kind === 'menu item').length).toBeGreaterThan(
      0,
    );
  });

  test.each(references.map((reference) => [reference.kind, reference.name, reference.file]))(
    '%s %s (in %s) is a top-level function of the bundle',
    (_kind, name) => {
      expect(name).not.toBe('?');
      expect(typeof scope[name]).toBe('function');
    },
  );
});

describe('findFunctionReferences', () => {
  test.each<[string, string, FunctionReference[]]>([
    [
      'menu items, named by literals',
      'ui.createAddonMenu().addItem(messageFor(\'x\'), \'openSidebar\').addItem("Help", "showHelp")',
      [
        { kind: 'menu item', name: 'openSidebar' },
        { kind: 'menu item', name: 'showHelp' },
      ],
    ],
    [
      'a trigger handler named by a constant in the file',
      "const HANDLER = 'refreshOnSchedule';\nScriptApp.newTrigger(HANDLER).timeBased().everyDays(1).create();",
      [{ kind: 'trigger', name: 'refreshOnSchedule' }],
    ],
    [
      'a trigger named some other way, which the test cannot check',
      'ScriptApp.newTrigger(names.refresh)',
      [{ kind: 'trigger', name: '?' }],
    ],
    [
      'a sidebar call past its handlers, across lines',
      "google.script.run\n  .withSuccessHandler((rows) => show(rows.map((r) => r)))\n  .withFailureHandler(fail)\n  .loadFunnel({ from: '2024-01-01' });",
      [{ kind: 'google.script.run', name: 'loadFunnel' }],
    ],
    [
      'a plain sidebar call',
      'google.script.run.saveSettings(form)',
      [{ kind: 'google.script.run', name: 'saveSettings' }],
    ],
    [
      'an addItem with a comma in its caption',
      "menu.addItem('Refresh, now', 'refreshNow')",
      [{ kind: 'menu item', name: 'refreshNow' }],
    ],
  ])('finds %s', (_what, source, found) => {
    expect(findFunctionReferences(source)).toEqual(found);
  });
});
