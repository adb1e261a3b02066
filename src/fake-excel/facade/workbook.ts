import { fakeError } from '../errors';
import type { WorkbookModel } from '../model';
import type { FakeRequestContext } from './context';
import { FakeNamedItemCollection } from './names';
import { FakeObject } from './object';
import { FakeTableCollection } from './table';
import { FakeWorksheetCollection } from './worksheet';

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly application: FakeApplication;

  constructor(readonly context: FakeRequestContext) {
    const model = () => context.model;
    this.worksheets = new FakeWorksheetCollection(context, model);
    this.tables = new FakeTableCollection(context, model, null);
    this.names = new FakeNamedItemCollection(context, model);
    this.application = new FakeApplication(context, model);
  }
}

export class FakeApplication extends FakeObject<WorkbookModel, { calculationMode: string }> {
  protected readonly typeName = 'Application';
  protected readonly scalarKeys = ['calculationMode'] as const;

  protected snapshot(m: WorkbookModel): string {
    return m.calculationMode;
  }

  get calculationMode(): string {
    return this.read('calculationMode');
  }

  set calculationMode(v: string) {
    this.assign(
      'calculationMode',
      v,
      (m) => {
        if (v !== 'Automatic' && v !== 'Manual' && v !== 'AutomaticExceptTables') throw fakeError('InvalidArgument', 'Application.calculationMode');
        m.calculationMode = v;
      },
      '1.8',
    );
  }

  /** Excel holds recalculation until the next sync completes (ExcelApi 1.6). */
  suspendApiCalculationUntilNextSync(): void {
    this.queue('suspendApiCalculationUntilNextSync', null, (m) => (m.calculationSuspended = true), '1.6');
  }

  /** Recalculate | Full | FullRebuild; recorded in model.calculations with the suspension state. */
  calculate(calculationType: string): void {
    this.queue('calculate', calculationType, (m) => m.calculate(calculationType));
  }
}
