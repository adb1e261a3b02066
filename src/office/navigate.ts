import type { Lang } from '../workbook/labels';

/**
 * Going to a finding's cell: the task pane calls this when a finding is clicked. One request,
 * one sync: activate the sheet, select the cell.
 */

/** The cell sits on a hidden sheet (the _PressDX meta sheet): Excel cannot show it. */
export class HiddenSheetError extends Error {
  readonly code = 'HiddenSheet';
  constructor(
    readonly sheet: string,
    readonly address: string,
    lang: Lang,
  ) {
    super(
      lang === 'vi'
        ? `Ô ${address} nằm trên trang ẩn "${sheet}" (trang kỹ thuật của PressDX) nên không thể chọn; đừng sửa trang này bằng tay — hãy tạo lại biểu mẫu nếu thông tin trên đó sai.`
        : `Cell ${address} is on the hidden sheet "${sheet}" (PressDX's technical sheet) and cannot be selected; do not edit it by hand — recreate the template if it is wrong.`,
    );
    this.name = 'HiddenSheetError';
  }
}

const codeOf = (e: unknown): unknown => (typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined);

export async function selectCellIn(context: Excel.RequestContext, sheet: string, address: string, lang: Lang = 'vi'): Promise<{ syncs: number }> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  try {
    await context.sync();
  } catch (e) {
    // Activation is what fails on a hidden sheet; checking visibility first would cost a sync on every click.
    if (codeOf(e) === 'InvalidOperation') throw new HiddenSheetError(sheet, address, lang);
    throw e;
  }
  return { syncs: 1 };
}
