// Issue item 18: the Hunt sidebar's sections show their content (sized to it, scrolling inside
// when space is short, never cropping the time range's buttons), can be resized by their
// handles, the sidebar is in the View menu, and time fields have a UTC date-time picker.
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

const SIDEBAR = 'jupyterlab-hunt-sidebar';
const TIME = '#jupyterlab-hunt-timerange';
const ENTITIES = '.jp-hunt-Entities';

test.use({ viewport: { width: 1400, height: 1000 } });

async function huntNotebook(page: IJupyterLabPageFixture): Promise<void> {
  await page.notebook.createNew();
  await page.notebook.setCell(0, 'code', 'from jupyterlab_hunt import hunt');
  await page.notebook.runCell(0, true);
  await page.sidebar.openTab(SIDEBAR);
}

/** How much of a section's content is cut off (hidden), or how much room it has spare. */
function cropped(section: Locator): Promise<{ hidden: number; spare: number; scrolls: boolean }> {
  return section.evaluate(node => {
    let content = 0;
    for (const child of Array.from(node.children) as HTMLElement[]) {
      content += child.offsetHeight;
    }
    const style = getComputedStyle(node);
    const scrolls = style.overflowY === 'auto' || style.overflowY === 'scroll';
    const spare = node.clientHeight - content;
    return { hidden: Math.max(0, -spare), spare, scrolls };
  });
}

/** No section crops its content while another one has room to spare. */
async function expectNoCropBesideSpace(sections: Locator): Promise<void> {
  let all: { hidden: number; spare: number }[] = [];
  const ok = () => all.every(c => c.hidden <= 1) || all.every(c => c.spare <= 2);
  await expect
    .poll(async () => {
      all = await Promise.all((await sections.all()).map(cropped));
      return ok();
    })
    .toBe(true)
    .catch(() => expect(all, 'sections: hidden and spare px').toEqual('no crop beside space'));
}

/** The element ends inside the visible part of its section. */
async function expectVisibleIn(element: Locator, section: Locator): Promise<void> {
  const e = (await element.boundingBox())!;
  const s = (await section.boundingBox())!;
  expect(e.y + e.height, 'ends inside its section').toBeLessThanOrEqual(s.y + s.height + 0.5);
  expect(e.y).toBeGreaterThanOrEqual(s.y - 0.5);
}

test.describe('Hunt sidebar layout', () => {
  test('sections fit their content; a long entity list scrolls and never crops the time range', async ({
    page
  }) => {
    await huntNotebook(page);
    const time = page.locator(TIME);
    const entities = page.locator(ENTITIES);
    const apply = time.getByRole('button', { name: 'Apply' });
    await expect(apply).toBeVisible();
    // The time range shows whole; no section crops while another has empty space.
    await expect.poll(async () => (await cropped(time)).hidden).toBe(0);
    await expectVisibleIn(time.getByRole('button', { name: 'Insert into cell' }), time);
    const sections = page.locator(
      `#${SIDEBAR} .lm-AccordionPanel > .lm-Widget:not(.jp-AccordionPanel-title)`
    );
    expect(await sections.count()).toBe(3);
    await expectNoCropBesideSpace(sections);

    // 40 entities: the list needs more than the sidebar has.
    const value = entities.getByLabel('Entity value');
    for (let i = 1; i <= 40; i++) {
      await value.fill(`10.0.0.${i}`);
      await value.press('Enter');
    }
    await expect(entities.locator('.jp-hunt-Entity')).toHaveCount(40);
    // The time range keeps room for its form and buttons; the entity list scrolls.
    await expect.poll(async () => (await cropped(time)).hidden).toBe(0);
    await expectVisibleIn(apply, time);
    await expectNoCropBesideSpace(sections);
    const list = await cropped(entities);
    expect(list.hidden).toBeGreaterThan(0);
    expect(list.scrolls).toBe(true);
    await entities.locator('.jp-hunt-Entity').last().scrollIntoViewIfNeeded();
    await expectVisibleIn(entities.locator('.jp-hunt-Entity').last(), entities);
  });

  test('sections resize by their handles', async ({ page }) => {
    await huntNotebook(page);
    const time = page.locator(TIME);
    const handle = page.locator(`#${SIDEBAR} .lm-SplitPanel-handle:not(.lm-mod-hidden)`).first();
    await expect(handle).toBeAttached();
    const before = (await time.boundingBox())!.height;
    // The handle sits under the next section's title; drag that boundary up by 80 px.
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2 - 80, { steps: 8 });
    await page.mouse.up();
    const after = (await time.boundingBox())!.height;
    expect(before - after).toBeGreaterThan(60);
    // The user's size stays (no refit on the next render).
    await page.waitForTimeout(300);
    expect(Math.abs((await time.boundingBox())!.height - after)).toBeLessThan(2);
  });

  test('View menu and the palette open the sidebar', async ({ page }) => {
    await page.notebook.createNew();
    await page.sidebar.close('left');
    await expect(page.locator(`#${SIDEBAR}`)).toBeHidden();
    await page.menu.clickMenuItem('View>Open Hunt Sidebar');
    await expect(page.locator(`#${SIDEBAR}`)).toBeVisible();
    await page.sidebar.close('left');
    await page.keyboard.press('Control+Shift+C');
    await page.locator('.lm-CommandPalette-input').fill('Open Hunt Sidebar');
    const item = page.locator('.lm-CommandPalette-item', { hasText: 'Open Hunt Sidebar' });
    await expect(item).toHaveCount(1);
    await item.click();
    await expect(page.locator(`#${SIDEBAR}`)).toBeVisible();
  });

  test('a UTC date-time picker beside the start and end fields edits the same range', async ({
    page
  }) => {
    await huntNotebook(page);
    const time = page.locator(TIME);
    await time.getByRole('radio', { name: 'Start and end' }).check();
    const pickStart = time.getByLabel('Pick the start (UTC)');
    const pickEnd = time.getByLabel('Pick the end (UTC)');
    await expect(pickStart).toHaveAttribute('type', 'datetime-local');
    await pickStart.fill('2024-01-02T03:04:05');
    await expect(time.getByLabel('Start (UTC)', { exact: true })).toHaveValue(
      '2024-01-02 03:04:05'
    );
    await time.getByLabel('End (UTC)', { exact: true }).fill('2024-01-03 00:00');
    await expect(pickEnd).toHaveValue('2024-01-03T00:00');
    // The picker right below its text field, inside the sidebar.
    const text = (await time.getByLabel('Start (UTC)', { exact: true }).boundingBox())!;
    const picker = (await pickStart.boundingBox())!;
    const side = (await page.locator(`#${SIDEBAR}`).boundingBox())!;
    expect(picker.x + picker.width).toBeLessThanOrEqual(side.x + side.width);
    expect(Math.abs(picker.y - (text.y + text.height))).toBeLessThan(8);
    await time.getByRole('button', { name: 'Apply' }).click();
    await expect(time.locator('.jp-hunt-Instant-utc').first()).toHaveText(
      '2024-01-02 03:04:05 UTC'
    );
    await expect(time.locator('.jp-hunt-Instant-utc').nth(1)).toHaveText('2024-01-03 00:00:00 UTC');
  });
});
