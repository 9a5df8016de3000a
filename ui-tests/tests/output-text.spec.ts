import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { columnOf, mainTab, runAction, setCode, shownTable, uploadData } from './huntviews';

// Right-click Decode on a text output reads it as the user sees it: the demo's line-wrapped
// base64 ("There should be a tar file here:...") decodes into the tar and zip members, exactly
// as the same text in one table cell does, not into one garbage fragment per line.

async function fromOutputMenu(page: IJupyterLabPageFixture, cell: number, item: string) {
  const output = (await page.notebook.getCellOutputLocator(cell))!
    .locator('.jp-OutputArea-child')
    .first();
  await output.click({ button: 'right' });
  await page.locator('.lm-Menu .lm-Menu-item', { hasText: new RegExp(`^${item}$`) }).click();
}

test('Decode on a printed, line-wrapped base64 output finds the archive members', async ({
  page,
  tmpPath
}) => {
  const errors: string[] = [];
  page.on('pageerror', err => errors.push(err.message));
  await uploadData(page, tmpPath, ['base64msg.txt']);
  await page.notebook.createNew('output-text.ipynb');
  await setCode(page, 0, "print(open('data/msticpy/base64msg.txt').read())");
  await setCode(
    page,
    1,
    [
      'import pandas as pd',
      'from jupyterlab_hunt import hunt',
      "msg = pd.DataFrame({'text': [open('data/msticpy/base64msg.txt').read()]})",
      "hunt.show(msg, title='base64msg in one cell')"
    ].join('\n')
  );
  await page.notebook.run();

  await fromOutputMenu(page, 0, 'Decode');
  await mainTab(page, 'Decoded: [1]');
  const fromOutput = await shownTable(page, 'Decoded: [1]');

  const cellTable = page.locator('.jp-hunt-TableView').first();
  await runAction(cellTable, 'Decode');
  await mainTab(page, 'Decoded: base64msg in one cell');
  const fromCell = await shownTable(page, 'Decoded: base64msg in one cell');

  const names = columnOf(fromOutput, 'file_name');
  expect(names).toEqual(expect.arrayContaining(['dllenc.txt', 'txtenc.txt', 'txtenc.txt.gz']));
  expect(names).toEqual(columnOf(fromCell, 'file_name'));
  expect(columnOf(fromOutput, 'sha256')).toEqual(columnOf(fromCell, 'sha256'));
  // One source row: the whole printed text, not one row per line.
  expect(new Set(columnOf(fromOutput, 'src_index'))).toEqual(new Set(['0']));
  expect(errors).toEqual([]);
});
