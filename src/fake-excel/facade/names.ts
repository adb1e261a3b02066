import { formatAddress } from '../address';
import { fakeError } from '../errors';
import type { NameModel, WorkbookModel } from '../model';
import { FakeCollection, FakeObject } from './object';
import { FakeRange } from './range';

export class FakeNamedItemCollection extends FakeCollection<WorkbookModel, NameModel, FakeNamedItem> {
  protected readonly typeName = 'NamedItemCollection';

  protected list(m: WorkbookModel): NameModel[] {
    return m.names;
  }

  protected makeItem(n: NameModel): FakeNamedItem {
    return new FakeNamedItem(this.context, () => n);
  }

  add(name: string, reference: Excel.Range | string, comment?: string): FakeNamedItem {
    const slot: { name?: NameModel } = {};
    const range = reference instanceof FakeRange ? reference : null;
    const text = typeof reference === 'string' ? reference : null;
    this.queue(
      'add',
      { name, reference: text ?? range, comment: comment ?? null },
      (m) => {
        const target = range?._target();
        const formula = target ? `=${formatAddress(target.sheet.name, target.rect).replace(/!([A-Z]+)(\d+)/g, '!$$$1$$$2').replace(/:([A-Z]+)(\d+)/g, ':$$$1$$$2')}` : text;
        if (formula === null) throw fakeError('InvalidArgument', 'NamedItemCollection.add');
        slot.name = m.addName(name, formula, comment ?? '');
      },
      '1.4',
    );
    return new FakeNamedItem(this.context, () => slot.name ?? null);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => {
      const n = this.model.name(name);
      if (!n) throw fakeError('ItemNotFound', 'NamedItemCollection.getItem', `name "${name}"`);
      return n;
    });
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.model.name(name) ?? null)._orNull('NamedItemCollection.getItemOrNullObject', name);
  }
}

interface NamedItemSnapshot {
  name: string;
  formula: string;
  type: string;
  value: string;
  comment: string;
  visible: boolean;
  scope: string;
}

export class FakeNamedItem extends FakeObject<NameModel, NamedItemSnapshot> implements Pick<Excel.NamedItem, 'name' | 'formula' | 'comment' | 'visible'> {
  protected readonly typeName = 'NamedItem';
  protected readonly scalarKeys = ['name', 'formula', 'type', 'value', 'comment', 'visible', 'scope'] as const;

  protected override isGone(n: NameModel): boolean {
    return !this.model.names.includes(n);
  }

  protected snapshot<K extends keyof NamedItemSnapshot>(n: NameModel, k: K): NamedItemSnapshot[K];
  protected snapshot(n: NameModel, k: keyof NamedItemSnapshot): NamedItemSnapshot[keyof NamedItemSnapshot] {
    switch (k) {
      case 'name':
        return n.name;
      case 'formula':
        return n.formula;
      case 'type':
        return this.model.nameType(n);
      case 'value':
        return n.formula.slice(1);
      case 'comment':
        return n.comment;
      case 'visible':
        return n.visible;
      case 'scope':
        return 'Workbook';
    }
  }

  get name(): string {
    return this.read('name');
  }
  get formula(): string {
    return this.read('formula');
  }
  get type(): string {
    return this.read('type');
  }
  get value(): string {
    return this.read('value');
  }
  get comment(): string {
    return this.read('comment');
  }
  set comment(v: string) {
    this.assign('comment', v, (n) => (n.comment = v), '1.4');
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.assign('visible', v, (n) => (n.visible = v));
  }

  delete(): void {
    this.queue('delete', null, (n) => this.model.deleteName(n), '1.4');
  }

  private rangeOf(orNull: boolean): FakeRange {
    return new FakeRange(this.context, 'name.getRange()', () => {
      const n = this._target();
      const r = n && this.model.nameRange(n);
      if (!r && !orNull) throw fakeError('InvalidArgument', 'NamedItem.getRange', 'the name does not refer to a range');
      return r ?? null;
    });
  }

  getRange(): FakeRange {
    return this.rangeOf(false);
  }

  getRangeOrNullObject(): FakeRange {
    return this.rangeOf(true)._orNull('NamedItem.getRangeOrNullObject', null);
  }
}
