// The one sidebar page, fitted to where it is shown: inside Sheets with Google's add-on
// stylesheet, or on a laptop with a stand-in for google.script.run and nothing from the network.

/** Google's stylesheet for add-on sidebars, linked only inside Sheets. */
export const ADDON_STYLESHEET_URL = 'https://ssl.gstatic.com/docs/script/css/add-ons1.css';

/** Marks in sidebar.html where each place adds its own part. */
export const STYLESHEET_MARK = '<!-- addon-stylesheet -->';
export const SCRIPT_RUN_MARK = '<!-- script-run-stand-in -->';

export type SidebarPlace = { kind: 'apps-script' } | { kind: 'local'; standInScriptUrl: string };

/**
 * The sidebar page for a place. Both marks must be in the page, so a change to the HTML that
 * loses one fails loudly instead of shipping a page without its styles or its server.
 *
 * @example
 * renderSidebarPage(html, { kind: 'apps-script' });
 * // the page with <link rel="stylesheet" href="https://ssl.gstatic.com/docs/script/css/add-ons1.css">
 */
export function renderSidebarPage(html: string, place: SidebarPlace): string {
  for (const mark of [STYLESHEET_MARK, SCRIPT_RUN_MARK]) {
    if (!html.includes(mark)) throw new Error(`sidebar.html has lost its mark ${mark}`);
  }
  const stylesheet =
    place.kind === 'apps-script' ? `<link rel="stylesheet" href="${ADDON_STYLESHEET_URL}">` : '';
  const standIn = place.kind === 'local' ? `<script src="${place.standInScriptUrl}"></script>` : '';
  return html.replace(STYLESHEET_MARK, stylesheet).replace(SCRIPT_RUN_MARK, standIn);
}
