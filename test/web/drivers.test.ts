/**
 * The drivers panel in headless Chromium: the model's key drivers first and the rest under "All drivers",
 * a 0/1 switch as a checkbox, a unit per member in a table's summary, and an edited uncertainty (min, mode,
 * max) that runs and survives the shared link. Each test starts from its own page. Screenshots go to
 * test-artifacts/.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, waitForDone } from './browser.js';

const BASELINE = '/?scenario=baseline-2016&runs=30';

/** Opens a folded entry (a click would close it again if a filter had opened it). */
async function unfold(details: ReturnType<Page['locator']>) {
  if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click();
}

/** Opens `path` and waits for the drivers. */
async function openDrivers(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#drivers .param', { state: 'attached' });
}

/** Waits for the final result (not a partial one drawn while the runs go on) and its charts. */
async function finished(page: Page): Promise<void> {
  await waitForDone(page);
  await page.waitForSelector('#panels [role=tabpanel]:not([hidden]) canvas');
}

browserSuite('web UI: the drivers', (ui) => {
  ui.test(
    'lists the key drivers the model marks first, and the rest folded under “All drivers”',
    async ({ page, shot }) => {
      await openDrivers(page, `${ui.base}${BASELINE}`);
      assert.equal(await page.textContent('#drivers .driver-heading'), 'Key drivers (12)');
      const key = await page.$$eval('#key-drivers > .param', (rows) =>
        rows.map((r) => r.getAttribute('data-name')),
      );
      assert.equal(key.length, 12);
      assert.equal(key[0], 'taliban_haven');
      assert.ok(key.includes('border_security'));
      assert.match(String(await page.textContent('#all-drivers > summary')), /^All drivers \(\d+ more\)$/);
      assert.equal(await page.locator('#all-drivers').getAttribute('open'), null, 'folded');
      await page.fill('#filter', 'uzbek-led');
      assert.equal(await page.locator('#all-drivers').getAttribute('open'), '', 'a filter match opens it');
      await page.fill('#filter', '');
      await shot('drivers-1280-key');
    },
  );

  ui.test('shows a 0/1 switch as a checkbox, and a table’s units per member', async ({ page, shot }) => {
    await openDrivers(page, `${ui.base}${BASELINE}`);
    // The switches and capacities are not key drivers: they live under "All drivers".
    await unfold(page.locator('#all-drivers'));
    const table = page.locator('details.table-param', { hasText: 'Uzbek-led —' });
    assert.equal(
      await table.locator('summary').first().textContent(),
      'Uzbek-led — a switch per member (0/1)',
    );
    await unfold(table);
    const imu = page.locator('#p-IMU\\.uzbek_led');
    assert.equal(await imu.getAttribute('type'), 'checkbox');
    assert.equal(await imu.isChecked(), true);
    assert.equal(await page.locator('#p-IMU\\.uzbek_led-n').count(), 0, 'no number field for a switch');
    await imu.focus();
    await page.keyboard.press('Space');
    // The address bar follows through history.replaceState, which Playwright sees a moment later.
    await page.waitForURL(/p\.IMU\.uzbek_led=0/);
    const capacity = page.locator('details.table-param', { hasText: 'Capacity —' });
    assert.equal(
      await capacity.locator('summary').first().textContent(),
      'Capacity — one value per member (fighters; HT: members)',
    );
    await unfold(capacity);
    assert.equal(await page.locator('.param[data-name="HT.capacity"] .unit').textContent(), 'members');
    assert.equal(await page.locator('.param[data-name="IMU.capacity"] .unit').textContent(), 'fighters');
    await table.scrollIntoViewIfNeeded();
    await shot('drivers-1280-switch');
  });

  ui.test(
    'edits an uncertainty’s min, mode and max, runs it, and keeps it in the link',
    async ({ page, context, shot }) => {
      // The IMU's switch is turned off by the link, so the run carries two changes.
      await openDrivers(page, `${ui.base}${BASELINE}&p.IMU.uzbek_led=0`);
      const row = page.locator('.param[data-name=taliban_haven]');
      await unfold(row.locator('.uncertainty-edit'));
      await page.fill('#p-taliban_haven-u-min', '0.6');
      await page.fill('#p-taliban_haven-u-mode', '0.8');
      await page.fill('#p-taliban_haven-u-max', '0.95');
      await page.press('#p-taliban_haven-u-max', 'Tab');
      assert.match(
        String(await row.locator('.meta').textContent()),
        /uncertainty edited by you: pert\(min 0\.6, mode 0\.8, max 0\.95\)/,
      );
      await page.waitForURL((url) =>
        /u\.taliban_haven=pert:min=0\.6:mode=0\.8:max=0\.95/.test(decodeURIComponent(url.search)),
      );
      assert.equal(await page.textContent('#changed-count'), '2 changed');
      await row.scrollIntoViewIfNeeded();
      await shot('drivers-1280-uncertainty');
      await page.click('#run');
      await finished(page);
      assert.match(String(await page.textContent('#receipts')), /baseline_2016_edited · 30 runs/);
      const again = await context.newPage();
      await again.setViewportSize({ width: 375, height: 812 });
      await again.goto(page.url());
      await finished(again);
      assert.equal(await again.inputValue('#p-taliban_haven-u-mode'), '0.8');
      assert.equal(await again.isChecked('#p-IMU\\.uzbek_led'), false);
      assert.equal(
        await again.textContent('#receipts'),
        await page.textContent('#receipts'),
        'the link reproduces the run',
      );
      await again.locator('.param[data-name=taliban_haven]').scrollIntoViewIfNeeded();
      await shot('drivers-375-uncertainty', again);
      await again.close();
    },
  );
});
