// The refresh panel in real headless Chromium, with a stand-in for google.script.run that
// answers as the server functions do and records what the page sent: the schedule fields
// follow the choice, a schedule is sent in the shape the server checks, and a refusal shows.
import * as fs from 'fs';
import * as path from 'path';
import { SCRIPT_RUN_MARK, STYLESHEET_MARK } from '../../src/core/pull/sidebarPage';
import { launchChromium } from '../support/chromium';

const PANEL = fs.readFileSync(path.join(__dirname, '../../src/client/refresh.html'), 'utf8');

// Answers like refreshPanelState and refreshPanelSetSchedule; every call is kept in window.sent.
const STAND_IN = `<script>
  window.sent = [];
  var state = { schedule: { kind: 'off' }, scheduleText: 'off', timeZone: 'Europe/Paris',
    lastRefresh: 'last refresh: 2024-07-01 09:00 ok', savedPulls: 1 };
  var answers = {
    refreshPanelState: function () { return { ok: true, value: state, message: state.lastRefresh }; },
    refreshPanelSetSchedule: function (request) {
      if (request.kind === 'hourly' && request.everyHours < 1) {
        return { ok: false, message: 'more often than Google allows' };
      }
      state.schedule = request;
      return { ok: true, value: state, message: 'Scheduled refresh: every 4 hours.' };
    },
  };
  window.google = { script: { get run() {
    var ok, fail;
    var runner = {
      withSuccessHandler: function (f) { ok = f; return runner; },
      withFailureHandler: function (f) { fail = f; return runner; },
    };
    Object.keys(answers).forEach(function (name) {
      runner[name] = function (arg) {
        window.sent.push({ name: name, arg: arg });
        setTimeout(function () { ok(answers[name](arg)); }, 0);
      };
    });
    return runner;
  } } };
</script>`;

describe('the refresh panel in a browser', () => {
  test('shows the last refresh, follows the schedule choice and sends it', async () => {
    const browser = await launchChromium({ width: 300, height: 720 });
    try {
      const page = await browser.context.newPage();
      await page.setContent(PANEL.replace(STYLESHEET_MARK, '').replace(SCRIPT_RUN_MARK, STAND_IN));
      await page.waitForFunction(
        () => document.getElementById('status')?.textContent !== 'Loading…',
      );
      expect(await page.textContent('#last-refresh')).toBe('last refresh: 2024-07-01 09:00 ok');
      expect(await page.isHidden('#hour-field')).toBe(true);

      await page.selectOption('#schedule-kind', 'every-hours');
      expect(await page.isVisible('#every-hours-field')).toBe(true);
      await page.selectOption('#every-hours', '4');
      await page.click('#save-schedule');
      await page.waitForFunction(() =>
        /every 4 hours/.test(document.getElementById('status')?.textContent ?? ''),
      );
      const sent = await page.evaluate(() => (window as unknown as { sent: unknown[] }).sent);
      expect(sent).toEqual([
        { name: 'refreshPanelState' },
        { name: 'refreshPanelSetSchedule', arg: { kind: 'hourly', everyHours: 4 } },
      ]);

      await page.selectOption('#schedule-kind', 'weekly');
      expect(await page.isVisible('#weekday-field')).toBe(true);
      expect(await page.isVisible('#hour-field')).toBe(true);
      fs.mkdirSync(path.join(__dirname, '../../out'), { recursive: true });
      await page.screenshot({
        path: path.join(__dirname, '../../out/refresh-panel.png'),
        fullPage: true,
      });
    } finally {
      await browser.close();
    }
  });
});
