/**
 * The drivers panel in headless Chromium: the model's key drivers first and the rest under "All drivers",
 * a 0/1 switch as a checkbox, a unit per member in a table's summary, and an edited uncertainty (min, mode,
 * max) that runs and survives the shared link. Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { waitForDone } from './browser.js';
import { sessionFor } from './uiSession.js';

/** Opens a folded entry (a click would close it again if a filter had opened it). */
async function unfold(details: ReturnType<Page['locator']>) {
  if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click();
}

describe('web UI: the drivers', () => {
  const s = sessionFor('/?scenario=baseline-2016&runs=30');

  it('lists the key drivers the model marks first, and the rest folded under “All drivers”', async () => {
    assert.equal(await s.page.textContent('#drivers .driver-heading'), 'Key drivers (12)');
    const key = await s.page.$$eval('#key-drivers > .param', (rows) =>
      rows.map((r) => r.getAttribute('data-name')),
    );
    assert.equal(key.length, 12);
    assert.equal(key[0], 'taliban_haven');
    assert.ok(key.includes('border_security'));
    assert.match(String(await s.page.textContent('#all-drivers > summary')), /^All drivers \(\d+ more\)$/);
    assert.equal(await s.page.locator('#all-drivers').getAttribute('open'), null, 'folded');
    await s.page.fill('#filter', 'uzbek-led');
    assert.equal(await s.page.locator('#all-drivers').getAttribute('open'), '', 'a filter match opens it');
    await s.page.fill('#filter', '');
    await s.ui.shot(s.page, 'drivers-1280-key');
  });

  it('shows a 0/1 switch as a checkbox, and a table’s units per member', async () => {
    const table = s.page.locator('details.table-param', { hasText: 'Uzbek-led —' });
    assert.equal(
      await table.locator('summary').first().textContent(),
      'Uzbek-led — a switch per member (0/1)',
    );
    await unfold(table);
    const imu = s.page.locator('#p-IMU\\.uzbek_led');
    assert.equal(await imu.getAttribute('type'), 'checkbox');
    assert.equal(await imu.isChecked(), true);
    assert.equal(await s.page.locator('#p-IMU\\.uzbek_led-n').count(), 0, 'no number field for a switch');
    await imu.focus();
    await s.page.keyboard.press('Space');
    // The address bar follows through history.replaceState, which Playwright sees a moment later.
    await s.page.waitForURL(/p\.IMU\.uzbek_led=0/);
    const capacity = s.page.locator('details.table-param', { hasText: 'Capacity —' });
    assert.equal(
      await capacity.locator('summary').first().textContent(),
      'Capacity — one value per member (fighters; HT: members)',
    );
    await unfold(capacity);
    assert.equal(await s.page.locator('.param[data-name="HT.capacity"] .unit').textContent(), 'members');
    assert.equal(await s.page.locator('.param[data-name="IMU.capacity"] .unit').textContent(), 'fighters');
    await table.scrollIntoViewIfNeeded();
    await s.ui.shot(s.page, 'drivers-1280-switch');
  });

  it('edits an uncertainty’s min, mode and max, runs it, and keeps it in the link', async () => {
    const row = s.page.locator('.param[data-name=taliban_haven]');
    await unfold(row.locator('.uncertainty-edit'));
    await s.page.fill('#p-taliban_haven-u-min', '0.6');
    await s.page.fill('#p-taliban_haven-u-mode', '0.8');
    await s.page.fill('#p-taliban_haven-u-max', '0.95');
    await s.page.press('#p-taliban_haven-u-max', 'Tab');
    assert.match(
      String(await row.locator('.meta').textContent()),
      /uncertainty edited by you: pert\(min 0\.6, mode 0\.8, max 0\.95\)/,
    );
    await s.page.waitForURL((url) =>
      /u\.taliban_haven=pert:min=0\.6:mode=0\.8:max=0\.95/.test(decodeURIComponent(url.search)),
    );
    assert.equal(await s.page.textContent('#changed-count'), '2 changed');
    await row.scrollIntoViewIfNeeded();
    await s.ui.shot(s.page, 'drivers-1280-uncertainty');
    await s.page.click('#run');
    // The final result, not a partial one drawn while the runs go on.
    await waitForDone(s.page);
    await s.page.waitForSelector('#panels [role=tabpanel]:not([hidden]) canvas');
    assert.match(String(await s.page.textContent('#receipts')), /baseline_2016_edited · 30 runs/);
    const again = await s.ui.page(375, 812);
    await again.goto(s.page.url());
    // The final result, not a partial one drawn while the runs go on.
    await waitForDone(again);
    await again.waitForSelector('#panels [role=tabpanel]:not([hidden]) canvas');
    assert.equal(await again.inputValue('#p-taliban_haven-u-mode'), '0.8');
    assert.equal(await again.isChecked('#p-IMU\\.uzbek_led'), false);
    assert.equal(
      await again.textContent('#receipts'),
      await s.page.textContent('#receipts'),
      'the link reproduces the run',
    );
    await again.locator('.param[data-name=taliban_haven]').scrollIntoViewIfNeeded();
    await s.ui.shot(again, 'drivers-375-uncertainty');
    await again.close();
  });

  it('had no s.page errors', () => {
    assert.deepEqual(s.ui.errors, []);
  });
});
