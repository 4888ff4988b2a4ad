// Menu items for features still to come say so, and point at what works now.
import { messageFor } from '../../src/core/messages';
import { showHelp } from '../../src/server/help';
import { announcePendingFeature } from '../../src/server/pendingFeatures';
import { createAppsScriptDouble } from '../support/appsScriptDouble';
import { readManifest } from '../support/builtAddOn';

function run(action: () => void) {
  const double = createAppsScriptDouble({ grantedScopes: readManifest().oauthScopes });
  const uninstall = double.install();
  try {
    action();
  } finally {
    uninstall();
  }
  return double;
}

describe('menu items still to come', () => {
  test.each([[() => announcePendingFeature('addon/menu/refresh-now'), 'addon/menu/refresh-now']])(
    '%p shows one alert naming its feature and the formulas that work now',
    (action, caption) => {
      const double = run(action);
      const feature = messageFor(caption);
      expect(double.ui.alerts).toEqual([
        {
          title: `${feature}: coming soon`,
          prompt: expect.stringContaining(`${feature} is not in this version`),
          buttons: 'OK',
        },
      ]);
      expect(double.ui.alerts[0].prompt).toContain('=CAMPAIGN_ROI, =FUNNEL_RATE');
      expect(double.calls.names()).toEqual(['SpreadsheetApp.getUi', 'Ui.alert']);
    },
  );
});

describe('Help', () => {
  test('shows a modal dialog listing every formula', () => {
    const double = run(showHelp);
    expect(double.ui.dialogs).toHaveLength(1);
    const [dialog] = double.ui.dialogs;
    expect(dialog).toMatchObject({ title: messageFor('addon/help/title'), modal: true });
    ['CAMPAIGN_ROI', 'FUNNEL_RATE', 'CAMPAIGN_COST', 'ROAS', 'COST_PER_ORDER'].forEach((name) =>
      expect(dialog.content).toContain(`<h2>${name}</h2>`),
    );
  });
});
