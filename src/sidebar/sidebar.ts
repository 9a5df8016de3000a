// The Hunt sidebar: one SidePanel whose collapsible sections the feature plugins add.
import { AccordionPanel, Widget } from '@lumino/widgets';
import { SidePanel } from '@jupyterlab/ui-components';
import { ITranslator } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import type { IHuntSidebar } from '../tokens';
import { huntIcon } from '../ui/icon';

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
    if (!this._restoring) {
      this._collapsedChanged.emit();
    }
  }

  private _ranks = new Map<Widget, number>();
  private _restoring = false;
  private _collapsedChanged = new Signal<this, void>(this);
}
