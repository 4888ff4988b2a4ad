// The campaign funnel sidebar: the menu action that opens it, and the server functions its page
// calls with google.script.run, each one line over the pull service.
import { messageFor } from '../core/messages';
import { sidebarFunctions } from '../core/pull/pullService';
import { renderSidebarPage } from '../core/pull/sidebarPage';
import { appsScriptPullHost } from './appsScriptPullHost';

/** The HTML file the build copies to dist/ (src/client/sidebar.html). */
export const SIDEBAR_FILE = 'sidebar';

/** Opens the sidebar: the page from sidebar.html, with Google's add-on stylesheet linked. */
export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).getContent();
  const page = HtmlService.createHtmlOutput(renderSidebarPage(html, { kind: 'apps-script' }));
  SpreadsheetApp.getUi().showSidebar(page.setTitle(messageFor('addon/sidebar/title')));
}

const sidebar = () => sidebarFunctions(appsScriptPullHost());

/** The form's settings (the last pull saved or run), the saved pulls and the date presets. */
export const sidebarState = () => sidebar().sidebarState();

/** A dry run of the pull the form describes: bytes it would scan and what that costs. */
export const sidebarEstimate = (settings: unknown) => sidebar().sidebarEstimate(settings);

/** Runs the pull, writes its sheet and saves its settings. */
export const sidebarPull = (settings: unknown) => sidebar().sidebarPull(settings);

/** Saves the form as a pull without running it. */
export const sidebarSavePull = (settings: unknown) => sidebar().sidebarSavePull(settings);

/** Forgets a saved pull; its sheet is left as it is. */
export const sidebarDeletePull = (name: unknown) => sidebar().sidebarDeletePull(name);
