import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

// The investigation context under Run All, Restart & Run All and after a page reload: the first
// executed cell must see the notebook's saved range and entities (they travel in each execute
// request's metadata; a comm message would queue behind the execute requests).

const RANGE = {
  start: '2019-01-15T04:00:00Z',
  end: '2019-01-15T06:00:00Z',
  origin: null,
  before: null,
  after: null,
  units: null,
  label: null
};
const entity = (type: string, properties: Record<string, string>) => ({
  id: `${type}:${Object.values(properties)[0]}`.toLowerCase(),
  type,
  properties,
  pinned: false,
  selected: false,
  source: 'manual'
});
const ENTITIES = [
  entity('IpAddress', { Address: '10.0.0.1' }),
  entity('Host', { HostName: 'web01' }),
  entity('Dns', { DomainName: 'evil.example.com' }),
  entity('Url', { Url: 'http://evil.example.com/a' })
];
const code = (source: string, id: string) => ({
  id,
  cell_type: 'code',
  execution_count: null,
  metadata: {},
  outputs: [],
  source
});
const NOTEBOOK = {
  cells: [
    code(
      [
        'import os',
        'from jupyterlab_hunt import hunt',
        'print(hunt.query_time.start.isoformat(), hunt.query_time.end.isoformat())',
        'print(hunt.entities.values)',
        "print('pid', os.getpid())"
      ].join('\n'),
      'first'
    ),
    code('print(len(hunt.entities), hunt.query_time.is_default)', 'second')
  ],
  metadata: {
    kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
    // As JupyterLab writes it from the kernel's info: without it, JupyterLab itself adds it on
    // open and marks the notebook modified, hunt or not.
    language_info: {
      name: 'python',
      version: '3.11.7',
      mimetype: 'text/x-python',
      codemirror_mode: { name: 'ipython', version: 3 },
      pygments_lexer: 'ipython3',
      nbconvert_exporter: 'python',
      file_extension: '.py'
    },
    hunt: { query_time: RANGE, entities: ENTITIES }
  },
  nbformat: 4,
  nbformat_minor: 5
};
const EXPECTED_FIRST = [
  '2019-01-15T04:00:00+00:00 2019-01-15T06:00:00+00:00',
  "['10.0.0.1', 'web01', 'evil.example.com', 'http://evil.example.com/a']"
];

/** The notebook panel (found through the app: galata's helpers are not rewired after a reload). */
async function panelState(page: IJupyterLabPageFixture, name: string) {
  return page.evaluate(file => {
    const panel = [...(window as any).jupyterapp.shell.widgets('main')].find((w: any) =>
      w.context?.path?.endsWith(file)
    );
    if (!panel) {
      return null;
    }
    const cells = [...panel.content.model.cells].map((cell: any) => {
      const outputs = cell.outputs?.toJSON() ?? [];
      const text = (name: string) =>
        outputs
          .filter((o: any) => o.output_type === 'stream' && o.name === name)
          .map((o: any) => (Array.isArray(o.text) ? o.text.join('') : o.text))
          .join('');
      const errors = outputs.filter((o: any) => o.output_type === 'error');
      return {
        stdout: text('stdout'),
        stderr: text('stderr'),
        error: errors.map((o: any) => `${o.ename}: ${o.evalue}`).join(''),
        count: cell.executionCount ?? null
      };
    });
    return { dirty: panel.context.model.dirty as boolean, cells };
  }, name);
}

/**
 * Run all cells, optionally in a new kernel process first, and wait until both cells ran.
 * The new kernel comes from changeKernel, not restartKernel: in this test server, executions
 * sent after sessionContext.restartKernel() never complete, with or without this extension
 * (a plain print cell hangs the same way). The kernel side of a restart (a fresh process whose
 * first cell imports jupyterlab_hunt, requests queued) is tests/test_context_kernel.py.
 */
async function runAll(page: IJupyterLabPageFixture, name: string, restart = false) {
  await page.evaluate(
    async ([file, restartFirst]) => {
      const app = (window as any).jupyterapp;
      const panel = [...app.shell.widgets('main')].find((w: any) =>
        w.context?.path?.endsWith(file)
      );
      app.shell.activateById(panel.id);
      await panel.sessionContext.ready;
      for (const cell of panel.content.model.cells) {
        cell.sharedModel.transact(() => cell.clearExecution?.());
      }
      if (restartFirst) {
        await panel.sessionContext.changeKernel({ name: 'python3' });
      }
      void app.commands.execute('notebook:run-all-cells');
    },
    [name, restart] as [string, boolean]
  );
  let state = await panelState(page, name);
  const ran = () => state?.cells.every(c => c.count !== null && (c.stdout || c.error));
  for (let tries = 0; !ran() && tries < 120; tries++) {
    await page.waitForTimeout(500);
    state = await panelState(page, name);
  }
  expect(ran(), JSON.stringify(state)).toBe(true);
  return state!;
}

function firstCellLines(state: NonNullable<Awaited<ReturnType<typeof panelState>>>) {
  const [first, second] = state.cells;
  expect(first.error + second.error).toBe('');
  // No "no investigation context" warning: the kernel had the notebook's context.
  expect(first.stderr + second.stderr).toBe('');
  const lines = first.stdout.trim().split('\n');
  expect(lines.slice(0, 2)).toEqual(EXPECTED_FIRST);
  expect(second.stdout.trim()).toBe('4 False');
  return lines[2];
}

test.describe('Investigation context in the kernel', () => {
  test('Run All, Restart & Run All and a reload see the saved context from the first cell; opening leaves the notebook unmodified', async ({
    page,
    tmpPath
  }) => {
    const errors: string[] = [];
    page.on('pageerror', err => errors.push(err.message));
    const name = 'context-runall.ipynb';
    await page.contents.uploadContent(JSON.stringify(NOTEBOOK), 'text', `${tmpPath}/${name}`);
    await page.filebrowser.open(`${tmpPath}/${name}`);
    await expect.poll(async () => (await panelState(page, name))?.cells.length).toBe(2);
    // Opening the notebook must not write metadata.hunt (it would mark the notebook modified).
    await page.waitForTimeout(1000);
    expect((await panelState(page, name))!.dirty).toBe(false);

    // Run All on a fresh kernel: no comm exists until the first cell imports jupyterlab_hunt.
    const pid1 = firstCellLines(await runAll(page, name));

    // (Re)start & Run All: a new kernel process, same context from the first cell.
    const pid2 = firstCellLines(await runAll(page, name, true));
    expect(pid2).not.toBe(pid1);

    // A fresh page load: the kernel lives on, the comm is recovered later; Run All at once.
    await page.evaluate(() => (window as any).jupyterapp.commands.execute('docmanager:save'));
    await expect.poll(async () => (await panelState(page, name))?.dirty).toBe(false);
    // A plain browser reload (galata's page.reload() waits for a Launcher tab).
    await page.evaluate(() => window.location.reload());
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
    await page.locator('.jp-NotebookPanel').first().waitFor();
    await expect.poll(async () => (await panelState(page, name))?.cells.length).toBe(2);
    const pid3 = firstCellLines(await runAll(page, name));
    expect(pid3).toBe(pid2);
    expect(errors).toEqual([]);
  });
});
