// Menu items whose features come with later work: each says so in an alert until then. To ship
// one, delete its function here and point its line in entryPoints.ts at the real one.
import { customFunctionDeclarations } from '../core/customFunctions/declarations';
import { messageFor } from '../core/messages';

/** Tells the person the feature behind a menu item is not in this version, and what works now. */
export function announcePendingFeature(menuCaptionCode: string): void {
  const feature = messageFor(menuCaptionCode);
  const functions = customFunctionDeclarations.map((declaration) => `=${declaration.name}`);
  const ui = SpreadsheetApp.getUi();
  ui.alert(
    messageFor('addon/pending-feature/title', { feature }),
    messageFor('addon/pending-feature', { feature, functions }),
    ui.ButtonSet.OK,
  );
}
