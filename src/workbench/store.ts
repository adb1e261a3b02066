import { localDateSerial } from '../domain/values';
import { useSyncExternalStore } from 'react';

import type { FakeExcel } from '../fake-excel';
import type { WorkbookSpec } from '../workbook/spec';
import { computeModelValues, type ComputedValues } from './computed';
import { provinceValues } from './province-values';

/**
 * The workbench's one source of truth is the fake's WorkbookModel. The store only counts changes
 * (an Excel.run finished, the user typed or selected) so React views re-render, and caches the
 * engine's values for the current version of the workbook.
 */
export class WorkbenchStore {
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private computedFor = -1;
  private computedValues: ComputedValues = new Map();
  private drawnProvince: WorkbookSpec | null = null;

  constructor(readonly fake: FakeExcel) {}

  get model() {
    return this.fake.model;
  }

  /** The spec of the last province workbook Tổng hợp drew, if any. */
  get provinceSpec(): WorkbookSpec | null {
    return this.drawnProvince;
  }

  /** Something changed the workbook or its selection. */
  notify = (): void => {
    this.version++;
    for (const l of this.listeners) l();
  };

  /** Tổng hợp drew a province workbook: its formula cells show the spec's results while the model holds it. */
  provinceDrawn = (spec: WorkbookSpec): void => {
    this.drawnProvince = spec;
    this.notify();
  };

  /** The workbench's "Sổ tính mới": a blank workbook in place of the one it holds. */
  newWorkbook = (): void => {
    this.model.replaceWithNewWorkbook();
    this.drawnProvince = null;
    this.notify();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** The engine's values of the formula cells, recomputed once per change. */
  computed(): ComputedValues {
    if (this.computedFor !== this.version) {
      this.computedValues = computeModelValues(this.model, localDateSerial(new Date()));
      const province = this.drawnProvince ? provinceValues(this.drawnProvince, this.model) : null;
      for (const [sheet, values] of province ?? []) this.computedValues.set(sheet, values);
      this.computedFor = this.version;
    }
    return this.computedValues;
  }
}

/** Re-renders the calling component whenever the workbook changes; returns the change count. */
export function useWorkbookVersion(store: WorkbenchStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}
