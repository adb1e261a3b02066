import { bottom, MAX_COLS, parseAddress } from '../address';
import { fakeError } from '../errors';
import type { SheetModel } from '../model';
import { FakeObject } from './object';
import { FakeRange } from './range';

// Page layout: ExcelApi 1.9.

interface PageLayoutSnapshot {
  orientation: string;
  paperSize: string;
  zoom: Excel.PageLayoutZoomOptions;
  centerHorizontally: boolean;
}

const PAPER_SIZES = ['Letter', 'LetterSmall', 'Tabloid', 'Ledger', 'Legal', 'Statement', 'Executive', 'A3', 'A4', 'A4Small', 'A5', 'B4', 'B5'];

export class FakePageLayout extends FakeObject<SheetModel, PageLayoutSnapshot> {
  protected readonly typeName = 'PageLayout';
  protected readonly scalarKeys = ['orientation', 'paperSize', 'zoom', 'centerHorizontally'] as const;
  private hf?: FakeHeaderFooterGroup;

  protected snapshot<K extends keyof PageLayoutSnapshot>(s: SheetModel, k: K): PageLayoutSnapshot[K];
  protected snapshot(s: SheetModel, k: keyof PageLayoutSnapshot): PageLayoutSnapshot[keyof PageLayoutSnapshot] {
    const p = s.pageLayout;
    return k === 'zoom' ? { ...p.zoom } : k === 'orientation' ? p.orientation : k === 'paperSize' ? p.paperSize : p.centerHorizontally;
  }

  get orientation(): string {
    return this.read('orientation');
  }
  set orientation(v: string) {
    this.assign(
      'orientation',
      v,
      (s) => {
        if (v !== 'Portrait' && v !== 'Landscape') throw fakeError('InvalidArgument', 'PageLayout.orientation');
        s.pageLayout.orientation = v;
      },
      '1.9',
    );
  }
  get paperSize(): string {
    return this.read('paperSize');
  }
  set paperSize(v: string) {
    this.assign(
      'paperSize',
      v,
      (s) => {
        if (!PAPER_SIZES.includes(v)) throw fakeError('InvalidArgument', 'PageLayout.paperSize');
        s.pageLayout.paperSize = v;
      },
      '1.9',
    );
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.read('zoom');
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.assign(
      'zoom',
      { ...v },
      (s) => {
        const pages = [v.horizontalFitToPages, v.verticalFitToPages].filter((n) => n !== undefined);
        if (pages.some((n) => !Number.isInteger(n) || (n ?? 0) < 0) || (v.scale !== undefined && (v.scale < 10 || v.scale > 400))) throw fakeError('InvalidArgument', 'PageLayout.zoom');
        if (v.scale !== undefined && pages.length > 0) throw fakeError('InvalidArgument', 'PageLayout.zoom', 'scale and fit-to-pages exclude each other');
        s.pageLayout.zoom = { ...v };
      },
      '1.9',
    );
  }
  get centerHorizontally(): boolean {
    return this.read('centerHorizontally');
  }
  set centerHorizontally(v: boolean) {
    this.assign('centerHorizontally', v, (s) => (s.pageLayout.centerHorizontally = v), '1.9');
  }

  get headersFooters(): FakeHeaderFooterGroup {
    return (this.hf ??= new FakeHeaderFooterGroup(this.context, () => this._target()));
  }

  setPrintTitleRows(rows: Excel.Range | string): void {
    const address = typeof rows === 'string' ? rows : null;
    const range = rows instanceof FakeRange ? rows : null;
    this.queue(
      'setPrintTitleRows',
      address ?? range,
      (s) => {
        const target = range?._target();
        if (target) {
          if (target.rect.cols !== MAX_COLS) throw fakeError('InvalidArgument', 'PageLayout.setPrintTitleRows');
          s.pageLayout.printTitleRows = `$${target.rect.top + 1}:$${bottom(target.rect) + 1}`;
        } else if (address !== null) this.model.setPrintTitleRows(s, address);
        else throw fakeError('InvalidArgument', 'PageLayout.setPrintTitleRows');
      },
      '1.9',
    );
  }

  setPrintArea(area: string): void {
    this.queue(
      'setPrintArea',
      area,
      (s) => {
        parseAddress(area);
        s.pageLayout.printArea = area;
      },
      '1.9',
    );
  }
}

export class FakeHeaderFooterGroup extends FakeObject<SheetModel, object> {
  protected readonly typeName = 'HeaderFooterGroup';
  protected readonly scalarKeys = [] as const;
  private all?: FakeHeaderFooter;

  protected snapshot(): never {
    throw fakeError('InvalidArgument', 'HeaderFooterGroup.load');
  }

  get defaultForAllPages(): FakeHeaderFooter {
    return (this.all ??= new FakeHeaderFooter(this.context, () => this._target()));
  }
}

type HeaderFooterKey = 'leftHeader' | 'centerHeader' | 'rightHeader' | 'leftFooter' | 'centerFooter' | 'rightFooter';

export class FakeHeaderFooter extends FakeObject<SheetModel, Record<HeaderFooterKey, string>> {
  protected readonly typeName = 'HeaderFooter';
  protected readonly scalarKeys = ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'] as const;

  protected snapshot(s: SheetModel, k: HeaderFooterKey): string {
    return s.pageLayout.headersFooters[k];
  }

  private put(k: HeaderFooterKey, v: string): void {
    this.assign(
      k,
      v,
      (s) => {
        // Excel limits each header or footer section to 255 characters.
        if (v.length > 255) throw fakeError('InvalidArgument', `HeaderFooter.${k}`);
        s.pageLayout.headersFooters[k] = v;
      },
      '1.9',
    );
  }

  get leftHeader(): string {
    return this.read('leftHeader');
  }
  set leftHeader(v: string) {
    this.put('leftHeader', v);
  }
  get centerHeader(): string {
    return this.read('centerHeader');
  }
  set centerHeader(v: string) {
    this.put('centerHeader', v);
  }
  get rightHeader(): string {
    return this.read('rightHeader');
  }
  set rightHeader(v: string) {
    this.put('rightHeader', v);
  }
  get centerFooter(): string {
    return this.read('centerFooter');
  }
  set centerFooter(v: string) {
    this.put('centerFooter', v);
  }
}
