// Test helpers: mount a Lumino widget and drive React inputs like a user.
import * as React from 'react';
import { MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

(globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
// React 18.3 exports act from 'react' (@types/react 18 does not declare it yet).
const act: (callback: () => Promise<void>) => Promise<void> = (React as any).act;

export async function mount<T extends Widget>(widget: T): Promise<T> {
  await act(async () => {
    Widget.attach(widget, document.body);
    MessageLoop.flush();
    await (widget as any).renderPromise;
  });
  return widget;
}

/** Let React commit pending updates. */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise(resolve => setTimeout(resolve, 0));
  });
}

/** Type into an input or select as a user would (React listens to native input/change events). */
export async function type(el: Element | null, value: string): Promise<void> {
  if (!el) {
    throw new Error('no element to type into');
  }
  const proto =
    el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(
      new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true })
    );
  });
}

export async function click(el: Element | null): Promise<void> {
  if (!el) {
    throw new Error('no element to click');
  }
  await act(async () => {
    (el as HTMLElement).click();
  });
}

export function byText(root: HTMLElement, selector: string, text: string): HTMLElement | null {
  return (
    [...root.querySelectorAll<HTMLElement>(selector)].find(e => e.textContent?.includes(text)) ??
    null
  );
}
