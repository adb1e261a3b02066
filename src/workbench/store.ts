import { localDateSerial } from '../domain/values';
import { useSyncExternalStore } from 'react';

import type { FakeExcel } from '../fake-excel';
import { computeModelValues, type ComputedValues } from './computed';
import { computeProvinceValues, PickedFiles, sourceFingerprints } from './province-values';

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
  /** Files picked in the task pane (for the province workbook's values). */
  readonly picked = new PickedFiles();
  private provinceKey = '';
  private provinceValues: ComputedValues | null = null;

  constructor(readonly fake: FakeExcel) {}

  get model() {
    return this.fake.model;
  }

  /** Something changed the workbook or its selection. */
  notify = (): void => {
    this.version++;
    for (const l of this.listeners) l();
    this.refreshProvince();
  };

  /** Recomputes the province workbook's values when its sources or the picked files change (asynchronously). */
  private refreshProvince(): void {
    const shas = sourceFingerprints(this.model);
    const key = shas ? `${shas.join(',')}|${this.picked.all().length}|${this.picked.previous?.name ?? ''}|${this.model.tables.map((t) => t.id).join(',')}` : '';
    if (key === this.provinceKey) return;
    this.provinceKey = key;
    this.provinceValues = null;
    if (!shas) return;
    const stored = (() => {
      try {
        return window.localStorage.getItem('pressdx.lang');
      } catch {
        return null;
      }
    })();
    const langs: Array<'vi' | 'en'> = stored === 'en' ? ['en', 'vi'] : ['vi', 'en'];
    void computeProvinceValues(this.model, this.picked, langs)
      .then((values) => {
        if (this.provinceKey !== key) return;
        this.provinceValues = values;
        this.version++;
        for (const l of this.listeners) l();
      })
      .catch((e: unknown) => console.warn('[workbench] could not compute the province workbook:', e));
  }

  /** The workbench's "Sổ tính mới": a blank workbook in place of the one it holds. */
  newWorkbook = (): void => {
    this.model.replaceWithNewWorkbook();
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
      for (const [sheet, values] of this.provinceValues ?? []) this.computedValues.set(sheet, values);
      this.computedFor = this.version;
    }
    return this.computedValues;
  }
}

/** Re-renders the calling component whenever the workbook changes; returns the change count. */
export function useWorkbookVersion(store: WorkbenchStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}
