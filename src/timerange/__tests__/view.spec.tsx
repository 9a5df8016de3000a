import { NotebookModel } from '@jupyterlab/notebook';
import { nullTranslator } from '@jupyterlab/translation';
import { InvestigationContextModel } from '../../context/model';
import { presetSpec } from '../../common/querytime';
import { byText, click, mount, type } from '../../sidebar/__tests__/render';
import { RangeFormModel } from '../model';
import { pickedText, pickerValue, TimeRangeWidget } from '../view';

async function setup() {
  const trans = nullTranslator.load('jupyterlab_hunt');
  const context = new InvestigationContextModel();
  const nb = new NotebookModel();
  context.setCurrent({ path: 'hunt.ipynb', metadata: nb });
  const form = new RangeFormModel(context.queryTime);
  context.changed.connect(() => form.reset(context.queryTime));
  const widget = await mount(
    new TimeRangeWidget({
      context,
      form,
      trans,
      apply: spec => context.setQueryTime(spec),
      applyPreset: p => context.setQueryTime(presetSpec(p)),
      copy: () => undefined,
      insert: () => undefined
    })
  );
  return { nb, widget, node: widget.node };
}

describe('TimeRangeWidget', () => {
  afterEach(() => document.body.replaceChildren());

  it('writes a preset to the notebook metadata', async () => {
    const { nb, node } = await setup();
    expect(node.textContent).toContain('hunt.ipynb');
    await click(byText(node, 'button', 'Last 7 days'));
    expect(nb.getMetadata('hunt').query_time).toMatchObject({
      origin: 'now',
      before: 7,
      units: 'day'
    });
    expect(node.querySelector('.jp-hunt-TimeRange-label')!.textContent).toBe('Last 7 days');
  });

  it('shows invalid input inline and never writes it', async () => {
    const { nb, node } = await setup();
    const apply = () => byText(node, 'button', 'Apply') as HTMLButtonElement;
    await type(node.querySelector('#jp-hunt-tr-before'), '-5');
    expect(node.querySelector('#jp-hunt-tr-before-error')!.textContent).toBe(
      'Enter a whole number of 0 or more.'
    );
    expect(node.querySelector('#jp-hunt-tr-before')!.getAttribute('aria-invalid')).toBe('true');
    expect(apply().disabled).toBe(true);
    await click(apply());
    expect(nb.getMetadata('hunt')).toBeUndefined();

    await click(node.querySelectorAll('input[type=radio]')[1]);
    await type(node.querySelector('#jp-hunt-tr-start'), '2024-01-02 00:00');
    await type(node.querySelector('#jp-hunt-tr-end'), '2024-01-01 00:00');
    expect(byText(node, '[role=alert]', 'The start must be before the end.')).not.toBeNull();
    await type(node.querySelector('#jp-hunt-tr-end'), '2024-01-03 06:00');
    expect(apply().disabled).toBe(false);
    await click(apply());
    expect(nb.getMetadata('hunt').query_time).toEqual({
      start: '2024-01-02T00:00:00Z',
      end: '2024-01-03T06:00:00Z',
      origin: null,
      before: null,
      after: null,
      units: null,
      label: 'Last 24 hours'
    });
    expect(node.querySelector('.jp-hunt-Instant-utc')!.textContent).toBe('2024-01-02 00:00:00 UTC');
  });

  it('has a UTC date-time picker beside each time field, bound to the same form field', async () => {
    const { nb, node } = await setup();
    await click(node.querySelectorAll('input[type=radio]')[1]);
    const start = node.querySelector('#jp-hunt-tr-start') as HTMLInputElement;
    const pickStart = node.querySelector(
      'input[aria-label="Pick the start (UTC)"]'
    ) as HTMLInputElement;
    const pickEnd = node.querySelector(
      'input[aria-label="Pick the end (UTC)"]'
    ) as HTMLInputElement;
    expect(pickStart.type).toBe('datetime-local');
    // Typed text shows in the picker...
    await type(start, '2024-01-02 03:04:05');
    // (jsdom writes the normalised value with milliseconds; browsers without)
    expect(pickStart.value).toMatch(/^2024-01-02T03:04:05(\.000)?$/);
    // ...and a picked time shows in the text field, as UTC.
    await type(pickEnd, '2024-01-05T06:30');
    expect((node.querySelector('#jp-hunt-tr-end') as HTMLInputElement).value).toBe(
      '2024-01-05 06:30:00'
    );
    await click(byText(node, 'button', 'Apply'));
    expect(nb.getMetadata('hunt').query_time).toMatchObject({
      start: '2024-01-02T03:04:05Z',
      end: '2024-01-05T06:30:00Z'
    });
    await click(node.querySelectorAll('input[type=radio]')[0]);
    if (!node.querySelector('#jp-hunt-tr-origin')) {
      await click(node.querySelector('#jp-hunt-tr-now'));
    }
    expect(node.querySelector('input[aria-label="Pick the origin (UTC)"]')).not.toBeNull();
  });

  it('converts between the picker value and the form text', () => {
    expect(pickerValue('2024-01-02 03:04')).toBe('2024-01-02T03:04:00');
    expect(pickerValue('not a time')).toBe('');
    expect(pickedText('2024-01-02T03:04')).toBe('2024-01-02 03:04:00');
    expect(pickedText('2024-01-02T03:04:05')).toBe('2024-01-02 03:04:05');
    expect(pickedText('')).toBe('');
  });
});
