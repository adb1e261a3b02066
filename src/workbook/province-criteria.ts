import type { Consolidation } from '../domain/consolidate';
import { criterionView } from '../domain/criterion-view';
import type { Lang } from './labels';
import { NUMBER_FORMATS, type CellSpec, type ColumnSpec, type SheetSpec } from './spec';

/** The province workbook's criterion sheet (tblTHTieuChi), present only when agencies were scored on a catalogue. */

export const CRITERIA_SHEET_NAME: Record<Lang, string> = { vi: 'Tổng hợp tiêu chí', en: 'Criteria' };
export const CRITERIA_TABLE = 'tblTHTieuChi';

const HEADERS: Record<Lang, Record<string, string>> = {
  vi: { pillar: 'Trụ cột', component: 'Chỉ số thành phần', code: 'Mã', criterion: 'Tiêu chí', maxPoints: 'Điểm tối đa', scored: 'Số cơ quan đã chấm', average: 'Điểm trung bình toàn tỉnh', averageShare: 'Tỷ lệ trung bình', catalogueId: 'Bộ tiêu chí' },
  en: { pillar: 'Pillar', component: 'Component index', code: 'Code', criterion: 'Criterion', maxPoints: 'Max points', scored: 'Agencies scored', average: 'Province average', averageShare: 'Average share', catalogueId: 'Criteria catalogue' },
};

export function buildCriteriaSheet(c: Consolidation, lang: Lang, header: string): SheetSpec | undefined {
  const view = criterionView(c);
  if (view.rows.length === 0) return undefined;
  const h = HEADERS[lang];
  const col = (key: string, width: number, numberFormat?: string, wrap = false): ColumnSpec => ({ key, header: h[key], role: 'fixed', width, numberFormat, wrap });
  const columns: ColumnSpec[] = [
    col('pillar', 26, undefined, true), col('component', 24, undefined, true), col('code', 8), col('criterion', 40, undefined, true), col('maxPoints', 9, NUMBER_FORMATS.points),
    col('scored', 10), col('average', 11, NUMBER_FORMATS.points), col('averageShare', 10, NUMBER_FORMATS.percent),
    ...view.agencies.map((a): ColumnSpec => ({ key: `a_${a.unitId}`, header: a.unitName, role: 'fixed', width: 14, numberFormat: NUMBER_FORMATS.points, wrap: true })),
    col('catalogueId', 22, undefined, true),
  ];
  const cell = (value: string | number | null, numberFormat?: string, wrap = false, style: CellSpec['style'] = 'fixed'): CellSpec => ({ role: 'fixed', style, value, numberFormat, wrap });
  const rows = view.rows.map((r) => [
    cell(r.pillar, undefined, true), cell(r.component, '@', true), cell(r.code, '@'), cell(r.criterion, '@', true), cell(r.maxPoints, NUMBER_FORMATS.points),
    cell(r.scored), cell(r.average, NUMBER_FORMATS.points), cell(r.averageShare, NUMBER_FORMATS.percent, false, r.averageShare !== null && r.averageShare < 0.5 ? 'warning' : 'fixed'),
    ...r.points.map((p) => cell(p, NUMBER_FORMATS.points)),
    cell(r.catalogueId, '@', true),
  ]);
  const TOP = 4;
  return {
    key: 'criteria', name: CRITERIA_SHEET_NAME[lang], visible: true, tabColor: '5B9BD5', columnWidths: columns.map((x) => x.width), freezeRows: TOP, protect: true,
    print: { landscape: true, fitToWidth: true, repeatRows: [TOP, TOP], header },
    cells: [
      { row: 1, col: 1, cell: { role: 'fixed', style: 'title', value: lang === 'vi' ? 'Điểm theo từng tiêu chí — tiêu chí yếu nhất trước' : 'Points per criterion — weakest first' }, mergeToCol: 8 },
      {
        row: 2, col: 1, mergeToCol: 8,
        cell: { role: 'fixed', style: 'subtitle', value: lang === 'vi'
          ? `Điểm hợp lệ của ${view.agencies.length} cơ quan báo chí chấm theo bộ tiêu chí; sắp theo tỷ lệ điểm trung bình toàn tỉnh so với điểm tối đa, thấp nhất trước.`
          : `Valid points of the ${view.agencies.length} press agencies scored on a catalogue; ordered by the province average as a share of the maximum, lowest first.` },
      },
    ],
    tables: [{ name: CRITERIA_TABLE, row: TOP, col: 1, columns, rows }],
  };
}
