import type { AgencyTableName } from '../domain/agency-schema';
import { COMPARISON_DIGITS } from '../domain/calculate';
import type { TargetRule } from '../domain/types';
import { GROUP_LABEL, levelIncomplete, ROLE, TARGET_STATUS, TASK_STATUS, TIMELINESS, YES } from '../domain/vocabulary';

/**
 * The workbook's formulas, in invariant (en-US) syntax with structured references, so they
 * survive inserted rows and moved tables. Each one has a twin in src/domain/calculate.ts.
 */

/** Workbook names the formulas use. */
export const NAMES = {
  unit: 'pdxUnit',
  unitType: 'pdxUnitType',
  year: 'pdxYear',
  periodFrom: 'pdxPeriodFrom',
  periodTo: 'pdxPeriodTo',
  submittedOn: 'pdxSubmittedOn',
  total: 'TongDiem',
  level: 'MucDo',
  unitList: 'lstDonVi',
  yesNoList: 'lstCoKhong',
  taskStatusList: 'lstTrangThai',
} as const;

/** Header of a column, looked up by key: the workbook's own headers when fixing an existing file. */
export type HeaderLookup = (table: AgencyTableName, key: string) => string;

const escapeColumn = (header: string) => header.replace(/(['#[\]@])/g, "'$1");
const q = (text: string) => `"${text.replace(/"/g, '""')}"`;

export class FormulaBuilder {
  constructor(private readonly header: HeaderLookup) {}

  /** A whole data column: tblX[Header]. */
  col(table: AgencyTableName, key: string): string {
    return `${table}[${escapeColumn(this.header(table, key))}]`;
  }

  /** The same row's cell: tblX[[#This Row],[Header]] (the file form of [@Header]). */
  me(table: AgencyTableName, key: string): string {
    return `${table}[[#This Row],[${escapeColumn(this.header(table, key))}]]`;
  }

  indicatorValue(code: string): string {
    return `INDEX(${this.col('tblChiTieu', 'value')},MATCH(${q(code)},${this.col('tblChiTieu', 'code')},0))`;
  }

  unitType(): string {
    return `=IFERROR(INDEX(${this.col('tblDonVi', 'type')},MATCH(${NAMES.unit},${this.col('tblDonVi', 'name')},0)),"")`;
  }

  targetUnitResult(rule: TargetRule): string {
    const v = (c: string) => this.indicatorValue(c);
    switch (rule.kind) {
      case 'shareYes':
        return `=IFERROR(IF(${v(rule.indicator)}="","",${v(rule.indicator)}),"")`;
      case 'shareMinLevel':
        return `=IFERROR(IF(ISNUMBER(${v(rule.indicator)}),${v(rule.indicator)},""),"")`;
      case 'shareGrowth': {
        const a = v(rule.base);
        const b = v(rule.current);
        return `=IFERROR(IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),IF(${a}>0,${b}/${a}-1,""),""),"")`;
      }
      case 'ratioOfSums': {
        const n = v(rule.numerator);
        const d = v(rule.denominator);
        return `=IFERROR(IF(AND(ISNUMBER(${n}),ISNUMBER(${d})),IF(${d}>0,${n}/${d},""),""),"")`;
      }
    }
  }

  targetStatus(rule: TargetRule): string {
    const v = (c: string) => this.indicatorValue(c);
    const met = q(TARGET_STATUS.met);
    const notMet = q(TARGET_STATUS.notMet);
    const noData = q(TARGET_STATUS.noData);
    const na = q(TARGET_STATUS.notApplicable);
    let condition: string;
    switch (rule.kind) {
      case 'shareYes':
        condition = `IF(${v(rule.indicator)}="",${noData},IF(${v(rule.indicator)}=${q(YES)},${met},${notMet}))`;
        break;
      case 'shareMinLevel':
        condition = `IF(NOT(ISNUMBER(${v(rule.indicator)})),${noData},IF(${v(rule.indicator)}>=${rule.minLevel},${met},${notMet}))`;
        break;
      case 'shareGrowth': {
        const a = v(rule.base);
        const b = v(rule.current);
        // Rounded before comparing, so every spreadsheet and the engine agree at the boundary (see COMPARISON_DIGITS).
        condition = `IF(OR(NOT(ISNUMBER(${a})),NOT(ISNUMBER(${b}))),${noData},IF(${a}<=0,${na},IF(ROUND(${b}/${a}-1,${COMPARISON_DIGITS})>=${rule.minGrowthPercent / 100},${met},${notMet})))`;
        break;
      }
      case 'ratioOfSums': {
        const n = v(rule.numerator);
        const d = v(rule.denominator);
        condition = `IF(OR(NOT(ISNUMBER(${n})),NOT(ISNUMBER(${d}))),${noData},IF(${d}<=0,${na},IF(ROUND(${n}/${d},${COMPARISON_DIGITS})>=${this.me('tblMucTieu', 'threshold')},${met},${notMet})))`;
        break;
      }
    }
    const isPress = `COUNTIFS(${this.col('tblDonVi', 'name')},${NAMES.unit},${this.col('tblDonVi', 'group')},${q(GROUP_LABEL.press)})>0`;
    return `=IFERROR(IF(${NAMES.unit}="",${noData},IF(NOT(${isPress}),${na},${condition})),${noData})`;
  }

  taskRole(): string {
    const count = (role: string) =>
      `COUNTIFS(${this.col('tblPhanCong', 'no')},${this.me('tblNhiemVu', 'no')},${this.col('tblPhanCong', 'unitName')},${NAMES.unit},${this.col('tblPhanCong', 'role')},${q(role)})>0`;
    return `=IFERROR(IF(${NAMES.unit}="","",IF(${count(ROLE.lead)},${q(ROLE.lead)},IF(${count(ROLE.partner)},${q(ROLE.partner)},""))),"")`;
  }

  taskDue(): string {
    const tf = `TRIM(${this.me('tblNhiemVu', 'timeframe')})`;
    return `=IFERROR(IF(LEN(${tf})<4,"",DATE(VALUE(RIGHT(${tf},4)),12,31)),"")`;
  }

  taskTimeliness(): string {
    const me = (k: string) => this.me('tblNhiemVu', k);
    const asOf = `IF(ISNUMBER(${NAMES.submittedOn}),${NAMES.submittedOn},TODAY())`;
    return (
      `=IFERROR(IF(${me('role')}="","",IF(${me('status')}=${q(TASK_STATUS.done)},${q(TIMELINESS.done)},` +
      `IF(NOT(ISNUMBER(${me('due')})),${q(TIMELINESS.noDeadline)},IF(${asOf}<=${me('due')},${q(TIMELINESS.onTime)},${q(TIMELINESS.overdue)})))),"")`
    );
  }

  validPoints(): string {
    const self = this.me('tblChiSo', 'selfPoints');
    const max = this.me('tblChiSo', 'maxPoints');
    return `=IFERROR(IF(AND(ISNUMBER(${self}),ISNUMBER(${max})),IF(AND(${self}>=0,${self}<=${max}),${self},""),""),"")`;
  }

  pillarPoints(): string {
    return `=SUMIFS(${this.col('tblChiSo', 'validPoints')},${this.col('tblChiSo', 'pillar')},${this.me('tblTruCot', 'pillar')})`;
  }

  pillarPercent(): string {
    const max = this.me('tblTruCot', 'maxPoints');
    return `=IFERROR(IF(AND(ISNUMBER(${max}),${max}>0),${this.me('tblTruCot', 'points')}/${max},""),"")`;
  }

  componentPoints(): string {
    return `=SUMIFS(${this.col('tblChiSo', 'validPoints')},${this.col('tblChiSo', 'pillar')},${this.me('tblThanhPhan', 'pillar')},${this.col('tblChiSo', 'component')},${this.me('tblThanhPhan', 'component')})`;
  }

  componentPercent(): string {
    const max = this.me('tblThanhPhan', 'maxPoints');
    return `=IFERROR(IF(AND(ISNUMBER(${max}),${max}>0),${this.me('tblThanhPhan', 'points')}/${max},""),"")`;
  }

  assignmentUnitName(): string {
    return `=IFERROR(INDEX(${this.col('tblDonVi', 'name')},MATCH(${this.me('tblPhanCong', 'unitId')},${this.col('tblDonVi', 'id')},0)),"")`;
  }

  total(): string {
    return `=ROUND(SUM(${this.col('tblTruCot', 'points')}),${COMPARISON_DIGITS})`;
  }

  level(): string {
    const valid = this.col('tblChiSo', 'validPoints');
    const incomplete = levelIncomplete(0, 0).replace('(0/0)', '(');
    return (
      `=IF(COUNT(${valid})<ROWS(${valid}),${q(incomplete)}&COUNT(${valid})&"/"&ROWS(${valid})&")",` +
      `IFERROR(LOOKUP(${NAMES.total},${this.col('tblMucDo', 'minScore')},${this.col('tblMucDo', 'name')}),""))`
    );
  }
}
