// onOpen and onInstall called directly, with the double's globals installed.
import { onInstall, onOpen } from '../../src/server/lifecycle';
import { AuthModeName, createAppsScriptDouble } from '../support/appsScriptDouble';

// The event Apps Script passes; its authMode is the ScriptApp.AuthMode enum of the double.
const eventIn = (authMode: AuthModeName) => ({
  authMode: authMode as unknown as GoogleAppsScript.Script.AuthMode,
});

function withDouble(authMode: AuthModeName) {
  const double = createAppsScriptDouble({ authMode });
  const uninstall = double.install();
  return { double, uninstall };
}

describe('onOpen', () => {
  test.each(['NONE', 'LIMITED', 'FULL'] as const)(
    'builds the add-on menu in AuthMode.%s with menu calls only',
    (authMode) => {
      const { double, uninstall } = withDouble(authMode);
      try {
        onOpen(eventIn(authMode));
        expect(double.ui.menus[0].addOn).toBe(true);
        expect(double.ui.menus[0].entries.map((entry) => entry.kind)).toEqual([
          'item',
          'item',
          'item',
          'item',
          'separator',
          'item',
        ]);
        expect(double.calls.names()).toEqual([
          'SpreadsheetApp.getUi',
          'Ui.createAddonMenu',
          'Menu.addItem',
          'Menu.addSeparator',
          'Menu.addToUi',
        ]);
      } finally {
        uninstall();
      }
    },
  );

  test('the double would catch an onOpen that read properties in AuthMode.NONE', () => {
    const { double, uninstall } = withDouble('NONE');
    try {
      expect(() => double.globals.PropertiesService.getDocumentProperties()).toThrow(
        'You do not have permission to call PropertiesService.getDocumentProperties.',
      );
    } finally {
      uninstall();
    }
  });
});

describe('onInstall', () => {
  test('builds the menu at once, so it shows without reopening the spreadsheet', () => {
    const { double, uninstall } = withDouble('FULL');
    try {
      onInstall(eventIn('FULL'));
      expect(double.ui.menus).toHaveLength(1);
    } finally {
      uninstall();
    }
  });
});
