// The built Code.js as Apps Script sees it: every entry point a top-level function, custom
// functions with their JSDoc, working in a bare context with only the Apps Script globals.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { customFunctionDeclarations } from '../../src/core/customFunctions/declarations';
import { entryPoints } from '../../src/server/entryPoints';
import { createAppsScriptDouble } from '../support/appsScriptDouble';
import { buildAddOn, loadAddOn, readManifest } from '../support/builtAddOn';

type Callable = (...args: unknown[]) => unknown;

/** The HTML files the build wrote, by name without `.html`, as HtmlService finds them. */
function builtHtmlFiles(outDir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(outDir)
      .filter((name) => name.endsWith('.html'))
      .map((name) => [name.replace(/\.html$/, ''), readFileSync(join(outDir, name), 'utf8')]),
  );
}

const entryPointNames = Object.keys(entryPoints);
const MENU_CALLS = [
  'SpreadsheetApp.getUi',
  'Ui.createAddonMenu',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addToUi',
];

describe.each([
  ['the readable build', false],
  ['the minified build', true],
])('%s', (_label, minify) => {
  const { code, outDir } = buildAddOn({ minify });
  const load = (double = createAppsScriptDouble()) => {
    const scope = loadAddOn(code, double.globals);
    const call = (name: string, ...args: unknown[]) => (scope[name] as Callable)(...args);
    return { double, scope, call };
  };

  test('declares every entry point as a top-level function, and nothing else', () => {
    const { double, scope } = load();
    entryPointNames.forEach((name) => {
      expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
      expect(typeof scope[name]).toBe('function');
    });
    const added = Object.keys(scope).filter((name) => !(name in double.globals));
    expect(added.sort()).toEqual([...entryPointNames, 'CampaignRoiAddon'].sort());
  });

  test.each(customFunctionDeclarations.map((declaration) => [declaration.name, declaration]))(
    'puts the JSDoc of %s right above its function',
    (name, declaration) => {
      const at = code.indexOf(`\nfunction ${name}(`);
      const before = code.slice(0, at);
      const block = before.slice(before.lastIndexOf('/**'));
      expect(block.endsWith('*/')).toBe(true);
      expect(block.indexOf('*/')).toBe(block.length - 2);
      expect(block).toContain(` * ${declaration.summary}`);
      declaration.args.forEach((argument) => {
        expect(block).toMatch(new RegExp(`@param \\{[^}]+\\} ${argument.name} `));
      });
      expect(block).toMatch(/@return \{[^}]+\} /);
      expect(block).toMatch(/ \* @customfunction\n \*\/$/);
      const parameters = declaration.args.map((argument) => argument.name).join(', ');
      expect(code).toContain(`function ${name}(${parameters}) {`);
    },
  );

  test.each(customFunctionDeclarations.map((declaration) => [declaration.name, declaration]))(
    '%s gives its help example and calls no Apps Script service',
    (name, declaration) => {
      const { double, call } = load(createAppsScriptDouble({ authMode: 'CUSTOM_FUNCTION' }));
      const formula = declaration.example.formula;
      const given = formula.slice(formula.indexOf('(') + 1, -1).split(', ');
      expect(call(name, ...given)).toBeCloseTo(Number(declaration.example.answer), 12);
      expect(double.calls.count()).toBe(0);
    },
  );

  test('custom functions take ranges as rows of cells and answer in their shape', () => {
    const { call } = load();
    // (12000 × 0.5 − 4000) ÷ 4000 = 0.5 and (5000 × 0.5 − 2000) ÷ 2000 = 0.25; a blank stays blank.
    expect(call('CAMPAIGN_ROI', [[12000], [5000], ['']], [[4000], [2000], [100]], '50%')).toEqual([
      [0.5],
      [0.25],
      [''],
    ]);
    // 500 ÷ 2000 and 50 ÷ 500 from the step before; the first step is all of itself.
    expect(call('FUNNEL_RATE', [[2000, 500, 50]])).toEqual([[1, 0.25, 0.1]]);
  });

  test('a custom function error reaches the cell as the sentence from the message table', () => {
    const { call } = load();
    expect(() => call('CAMPAIGN_ROI', [[100], [200]], [[50], [0]])).toThrow(
      'cost in row 2, column 1 of its range is 0, and CAMPAIGN_ROI divides by cost',
    );
    expect(() => call('CAMPAIGN_ROI', 100, 50, 40)).toThrow('Did you mean 40%?');
  });

  test('onOpen in AuthMode.NONE builds the menu and calls nothing that needs authorisation', () => {
    const double = createAppsScriptDouble({ authMode: 'NONE' });
    const { call } = load(double);
    call('onOpen', { authMode: 'NONE' });
    expect(double.ui.menus).toHaveLength(1);
    expect(double.calls.names().every((name) => MENU_CALLS.includes(name))).toBe(true);
    expect(double.calls.count('PropertiesService.*')).toBe(0);
  });

  test('onInstall builds the same menu as onOpen', () => {
    const opened = createAppsScriptDouble();
    const installed = createAppsScriptDouble();
    load(opened).call('onOpen', { authMode: 'FULL' });
    load(installed).call('onInstall', { authMode: 'FULL' });
    expect(installed.ui.menus).toEqual(opened.ui.menus);
  });

  test('every menu item runs an entry point with only the scopes the manifest asks for', () => {
    const double = createAppsScriptDouble({
      grantedScopes: readManifest().oauthScopes,
      htmlFiles: builtHtmlFiles(outDir),
    });
    const { scope, call } = load(double);
    call('onOpen', { authMode: 'FULL' });
    const items = double.ui.menus[0].entries.flatMap((entry) =>
      entry.kind === 'item' ? [entry] : [],
    );
    expect(items.map((item) => item.functionName)).toEqual([
      'openSidebar',
      'createRoiSheet',
      'refreshNow',
      'scheduleRefresh',
      'showHelp',
    ]);
    items.forEach((item) => {
      expect(typeof scope[item.functionName]).toBe('function');
      expect(() => call(item.functionName)).not.toThrow();
    });
    const shown = double.ui.alerts.length + double.ui.dialogs.length + double.ui.sidebars.length;
    expect(shown).toBe(items.length);
  });
});
