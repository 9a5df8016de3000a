// The Hunt sidebar: one SidePanel whose collapsible sections the feature plugins add. The
// sections are resizable (AccordionPanel handles, as in JupyterLab's own sidebars) and sized
// to their content until the user drags a handle.
import { Message } from '@lumino/messaging';
import { AccordionPanel, Widget } from '@lumino/widgets';
import { SidePanel } from '@jupyterlab/ui-components';
import { ITranslator } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import type { IHuntSidebar } from '../tokens';
import { huntIcon } from '../ui/icon';
import { fitSizes, measureNeed } from './fit';

export const SIDEBAR_ID = 'jupyterlab-hunt-sidebar';

export class HuntSidebar extends SidePanel implements IHuntSidebar {
  constructor(translator: ITranslator) {
    super({ translator });
    const trans = translator.load('jupyterlab_hunt');
    this.id = SIDEBAR_ID;
    this.addClass('jp-hunt-Sidebar');
    this.title.icon = huntIcon;
    this.title.caption = trans.__('Hunt: time range, entities and providers');
    const heading = new Widget();
    heading.node.textContent = trans.__('Hunt');
    heading.addClass('jp-hunt-Sidebar-heading');
    this.header.addWidget(heading);
    this.accordion.expansionToggled.connect(this._onToggled, this);
    // A handle dragged by the user: their sizes win from then on (until a section opens or closes).
    this.accordion.node.addEventListener('pointerdown', event => {
      if ((event.target as HTMLElement).classList?.contains('lm-SplitPanel-handle')) {
        this._userSized = true;
      }
    });
    // Content changes (React re-renders, entities added) and size changes both refit.
    this._observer =
      typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.scheduleFit()) : null;
    this._mutations = new MutationObserver(() => this.scheduleFit());
  }

  /** Size the open sections to their content (see fitSizes), on the next frame. */
  scheduleFit(): void {
    if (this._fitPending || this._userSized) {
      return;
    }
    this._fitPending = true;
    requestAnimationFrame(() => {
      this._fitPending = false;
      this.fit();
    });
  }

  /** Size the open sections to their content now. */
  fit(): void {
    const sections = this.sections;
    const open = sections.filter(w => w.isVisible);
    const available = open.reduce((sum, w) => sum + w.node.offsetHeight, 0);
    if (!this.isVisible || available <= 0) {
      return;
    }
    const needs = sections.map(w =>
      w.isVisible ? measureNeed(w.node) : { full: 0, essential: 0 }
    );
    this.accordion.setRelativeSizes(fitSizes(needs, available));
  }

  dispose(): void {
    this._observer?.disconnect();
    this._mutations.disconnect();
    super.dispose();
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this.scheduleFit();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.scheduleFit();
  }

  /** Ids of collapsed sections (a collapsed section's widget is hidden); changes when the user expands or collapses one. */
  get collapsed(): readonly string[] {
    return this.sections.filter(w => w.isHidden).map(w => w.id);
  }
  get collapsedChanged(): ISignal<this, void> {
    return this._collapsedChanged;
  }

  /** Collapse the sections named (restored UI state); expand the others. */
  restoreCollapsed(ids: readonly string[]): void {
    this._restoring = true;
    this.sections.forEach((w, i) =>
      ids.includes(w.id) ? this.accordion.collapse(i) : this.accordion.expand(i)
    );
    this._restoring = false;
  }

  addSection(widget: Widget, rank: number): void {
    this._ranks.set(widget, rank);
    const index = this.sections.filter(w => (this._ranks.get(w) ?? 0) <= rank).length;
    this.insertWidget(index, widget);
    // The content's own height changes as it renders and grows (e.g. the entity list).
    this._mutations.observe(widget.node, { childList: true, subtree: true, characterData: true });
    this._observer?.observe(widget.node);
    this.scheduleFit();
  }

  activateSection(widget: Widget): void {
    const index = this.sections.indexOf(widget);
    if (index >= 0 && widget.isHidden) {
      this.accordion.expand(index);
    }
  }

  private get accordion(): AccordionPanel {
    return this.content as AccordionPanel;
  }

  private get sections(): readonly Widget[] {
    return this.accordion.widgets;
  }

  private _onToggled(): void {
    this._userSized = false;
    this.scheduleFit();
    if (!this._restoring) {
      this._collapsedChanged.emit();
    }
  }

  private _ranks = new Map<Widget, number>();
  private _restoring = false;
  private _userSized = false;
  private _fitPending = false;
  private readonly _observer: ResizeObserver | null;
  private readonly _mutations: MutationObserver;
  private _collapsedChanged = new Signal<this, void>(this);
}
