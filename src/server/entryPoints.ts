// Every function Apps Script must see, under the name it calls it by. The build writes one
// top-level `function NAME()` per entry here; a test checks each exists in the bundle and that
// every name used in a menu, a trigger or google.script.run is listed.
//
// To add one: write it in its own module under src/server, import it, and add one line below
// in its group. Custom functions also need a row in src/core/customFunctions/declarations.ts,
// which gives them their formula help.
import { customFunction } from './customFunctions';
import { showHelp } from './help';
import { onInstall, onOpen } from './lifecycle';
import {
  createRoiSheet,
  refreshNow,
  refreshPanelCreateRoiSheet,
  refreshPanelRefreshNow,
  refreshPanelSetSchedule,
  refreshPanelState,
  runScheduledRefresh,
  scheduleRefresh,
} from './refreshActions';
import {
  openSidebar,
  sidebarDeletePull,
  sidebarEstimate,
  sidebarPull,
  sidebarSavePull,
  sidebarState,
} from './sidebar';

type EntryPoint = (...args: never[]) => unknown;

export const entryPoints = {
  // Custom functions typed in cells.
  CAMPAIGN_ROI: customFunction('CAMPAIGN_ROI'),
  FUNNEL_RATE: customFunction('FUNNEL_RATE'),
  CAMPAIGN_COST: customFunction('CAMPAIGN_COST'),
  ROAS: customFunction('ROAS'),
  COST_PER_ORDER: customFunction('COST_PER_ORDER'),

  // Simple triggers of an editor add-on.
  onOpen,
  onInstall,

  // Menu actions (named in lifecycle.ts).
  openSidebar,
  createRoiSheet,
  refreshNow,
  scheduleRefresh,
  showHelp,

  // Sidebar server functions (called with google.script.run).
  sidebarState,
  sidebarEstimate,
  sidebarPull,
  sidebarSavePull,
  sidebarDeletePull,
  refreshPanelState,
  refreshPanelCreateRoiSheet,
  refreshPanelRefreshNow,
  refreshPanelSetSchedule,

  // Trigger handlers (named in ScriptApp.newTrigger).
  runScheduledRefresh,
} satisfies Record<string, EntryPoint>;

/** The name of an entry point, as a menu item, trigger or google.script.run call gives it. */
export type EntryPointName = keyof typeof entryPoints;

/** The entry points' signatures, for typing the sidebar's calls to the server. */
export type ServerFunctions = typeof entryPoints;
