/**
 * The web UI with ownership tokens: saving gives the browser a token, which it keeps in localStorage and
 * sends back, so its own saved scenario can be deleted while a browser without it cannot.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openSession, type UiSession } from './uiSession.js';

interface Storage$ {
  readonly localStorage: { getItem(key: string): string | null };
}

describe('web UI: ownership tokens', () => {
  let ui: UiSession;
  let page: Page;
  before(async () => {
    ui = await openSession();
    page = await ui.page();
  });
  after(async () => {
    await ui?.close();
  });

  it('saves with the token the server gives, keeps it, and deletes with it', async () => {
    await page.goto(ui.base);
    await page.waitForSelector('#drivers .param');
    await page.locator('#saved-panel summary').click();
    await page.fill('#save-name', 'Kept by its token');
    await page.click('#save');
    const remove = '#saved li button[aria-label="Delete Kept by its token"]';
    await page.waitForSelector(remove);
    const stored = () =>
      page.evaluate(() => (globalThis as unknown as Storage$).localStorage.getItem('oxus.token'));
    const token = await stored();
    assert.match(String(token), /^oxus_/);
    const list = (await (await fetch(`${ui.base}/api/saved-scenarios`)).json()) as {
      items: { id: string; name: string }[];
    };
    const id = list.items.find((s) => s.name === 'Kept by its token')?.id;
    assert.ok(id, 'the saved scenario is listed for everyone in the open class');
    const anonymous = await fetch(`${ui.base}/api/saved-scenarios/${id}`, { method: 'DELETE' });
    assert.equal(anonymous.status, 401, 'a browser without the token cannot delete it');
    await ui.shot(page, 'ui-saved-with-token');
    await page.click(remove);
    await page.waitForSelector('#saved li.muted');
    assert.equal(await stored(), token);
    assert.deepEqual(ui.errors, []);
  });
});
