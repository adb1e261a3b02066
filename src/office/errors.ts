import type { Lang } from '../workbook/labels';
import { officeMessages } from './messages';

/** Errors the task pane reacts to by code (ask the user, explain), not by parsing messages. */

/** PressDX sheets (or names) already exist and replaceExisting was false: the UI should ask. */
export class PressdxSheetsExistError extends Error {
  readonly code = 'PressdxSheetsExist';
  constructor(
    readonly sheets: string[],
    readonly names: string[],
    lang: Lang,
  ) {
    super(officeMessages(lang).existing(sheets, names));
    this.name = 'PressdxSheetsExistError';
  }
}

/** Sheets PressDX did not create carry names it needs; PressDX never touches them. */
export class SheetNameConflictError extends Error {
  readonly code = 'SheetNameConflict';
  constructor(
    readonly sheets: string[],
    lang: Lang,
  ) {
    super(officeMessages(lang).nameConflict(sheets));
    this.name = 'SheetNameConflictError';
  }
}

/** The host lacks a requirement set PressDX cannot do without. */
export class RequirementSetError extends Error {
  readonly code = 'RequirementSetMissing';
  constructor(
    readonly version: string,
    lang: Lang,
  ) {
    super(officeMessages(lang).requirement(version));
    this.name = 'RequirementSetError';
  }
}
