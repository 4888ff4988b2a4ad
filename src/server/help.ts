// The Help menu item: a short dialog on the formulas, built from the custom function table.
import { renderHelpPage } from '../core/helpPage';
import { messageFor } from '../core/messages';

const HELP_WIDTH = 520;
const HELP_HEIGHT = 560;

/** Shows the help dialog over the spreadsheet. */
export function showHelp(): void {
  const page = HtmlService.createHtmlOutput(renderHelpPage())
    .setWidth(HELP_WIDTH)
    .setHeight(HELP_HEIGHT);
  SpreadsheetApp.getUi().showModalDialog(page, messageFor('addon/help/title'));
}
