import * as fs from 'fs';
import * as path from 'path';
import { IJupyterLabPageFixture } from '@jupyterlab/galata';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Upload the demo notebook and the sample data it reads, in the repository's layout. */
export async function uploadDemo(page: IJupyterLabPageFixture, tmpPath: string): Promise<string> {
  await page.contents.uploadFile(
    path.join(ROOT, 'demo', 'hunt-demo.ipynb'),
    `${tmpPath}/demo/hunt-demo.ipynb`
  );
  for (const file of fs.readdirSync(path.join(ROOT, 'data', 'msticpy'))) {
    await page.contents.uploadFile(
      path.join(ROOT, 'data', 'msticpy', file),
      `${tmpPath}/data/msticpy/${file}`
    );
  }
  return `${tmpPath}/demo/hunt-demo.ipynb`;
}

/** Run code in a new last cell of the open notebook and return its text output. */
export async function runInKernel(page: IJupyterLabPageFixture, code: string): Promise<string> {
  const count = await page.notebook.getCellCount();
  await page.notebook.addCell('code', code);
  await page.notebook.runCell(count, true);
  return (await page.notebook.getCellTextOutput(count))?.join('') ?? '';
}
