// What runs when a spreadsheet opens and when the add-on is installed: building the menu only.
import { messageFor } from '../core/messages';

/** The part of the open and install events we read; Apps Script passes more. */
export interface LifecycleEvent {
  readonly authMode?: GoogleAppsScript.Script.AuthMode;
}

/**
 * Builds the add-on menu. It runs in every authorisation mode, including NONE (the add-on is
 * installed but not yet used in this spreadsheet), so it calls nothing but the menu builder:
 * no properties, no spreadsheet data, no triggers.
 */
export function onOpen(_event?: LifecycleEvent): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(messageFor('addon/menu/open-sidebar'), 'openSidebar')
    .addItem(messageFor('addon/menu/create-roi-sheet'), 'createRoiSheet')
    .addItem(messageFor('addon/menu/refresh-now'), 'refreshNow')
    .addItem(messageFor('addon/menu/schedule-refresh'), 'scheduleRefresh')
    .addSeparator()
    .addItem(messageFor('addon/menu/help'), 'showHelp')
    .addToUi();
}

/** Runs once after installation (in FULL mode); the menu must appear without a reload. */
export function onInstall(event?: LifecycleEvent): void {
  onOpen(event);
}
