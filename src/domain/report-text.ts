import type { Consolidation, TargetSummary } from './consolidate';
import type { Indicator } from './types';
import { formatSerial } from './values';
import { TARGET_STATUS, TASK_STATUS } from './vocabulary';

/**
 * Sentences for the yearly report (báo cáo hằng năm), generated from the consolidated numbers so
 * an official can paste them. Each names the output table and row it came from, and carries the
 * numbers it quotes, so a test (and a reader) can check the text against the tables. The report
 * is written in Vietnamese whatever the UI language: it goes into a Vietnamese document.
 */

/** Logical output tables; the workbook layer maps them to table names. */
export type ReportSource = 'sources' | 'targets' | 'tasks' | 'index' | 'mismatches';

export interface ReportSentence {
  section: ReportSource;
  text: string;
  /** The row key in the source table (target code, task no, unit id), '' for the whole table. */
  sourceKey: string;
  /** The figures quoted in the text, by name, unrounded. */
  numbers: Record<string, number>;
}

/** 0.6667 → "66,7%"; whole percentages without decimals when `whole` (thresholds: "75%"). */
export function percentText(x: number, whole = false): string {
  const p = x * 100;
  if (whole && Math.abs(p - Math.round(p)) < 1e-9) return `${Math.round(p)}%`;
  return `${p.toFixed(1).replace('.', ',')}%`;
}

/** Vietnamese number: decimal comma, at most two decimals, thousands dot. */
export function numberText(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  const [int, frac] = Math.abs(rounded).toFixed(2).replace(/\.?0+$/, '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

const lcFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
/** "Trong đó: được đào tạo…" → "được đào tạo…": the clause reads on its own in a sentence. */
const clause = (name: string) => lcFirst(name.replace(/^trong đó:\s*/i, '').trim());
const names = (list: Array<{ unitName: string }>) => list.map((x) => x.unitName).join(', ');

function indicator(c: Pick<Consolidation, 'plan'>, code: string): Indicator | undefined {
  return c.plan.indicators.find((i) => i.code === code);
}

/** What a share target counts, as a verb phrase after "cơ quan báo chí". */
function shareCondition(c: Pick<Consolidation, 'plan'>, s: TargetSummary): string {
  const r = s.target.rule;
  switch (r.kind) {
    case 'shareYes':
      return clause(indicator(c, r.indicator)?.name ?? r.indicator);
    case 'shareMinLevel':
      return `có ${clause(indicator(c, r.indicator)?.name ?? r.indicator)} từ ${r.minLevel} trở lên`;
    case 'shareGrowth':
      return `có ${clause(indicator(c, r.current)?.name ?? r.current)} tăng tối thiểu ${r.minGrowthPercent}% so với ${clause(indicator(c, r.base)?.name ?? r.base)}`;
    case 'ratioOfSums':
      return s.target.ruleText;
  }
}

function targetSentence(c: Pick<Consolidation, 'plan'>, s: TargetSummary): ReportSentence {
  const t = s.target;
  const goal = `mục tiêu ${percentText(t.threshold, true)} đến năm ${t.year}`;
  const verdict = s.status === TARGET_STATUS.met ? `đạt ${goal}` : `chưa đạt ${goal}`;
  const notSent = s.missing.filter((m) => m.why === 'notSubmitted');
  const noData = s.missing.filter((m) => m.why === 'noData');
  const numbers: Record<string, number> = { threshold: t.threshold };
  let text: string;
  if (t.rule.kind === 'ratioOfSums') {
    const den = indicator(c, t.rule.denominator);
    const num = indicator(c, t.rule.numerator);
    if (s.value === null || s.numerator === null || s.denominator === null) {
      text = `Chưa có số liệu để đánh giá ${goal} (${t.ruleText}).`;
    } else {
      Object.assign(numbers, { numerator: s.numerator, denominator: s.denominator, value: s.value });
      const unit = den?.unit && den.unit !== '—' ? ` ${den.unit}` : '';
      text = `Các cơ quan báo chí có ${numberText(s.numerator)}/${numberText(s.denominator)}${unit} (${percentText(s.value)}) ${clause(num?.name ?? t.rule.numerator)}, ${verdict}.`;
    }
    if (s.missing.length > 0) text += ` Chưa có số liệu của: ${names(s.missing)}.`;
  } else if (s.value === null) {
    text = `Chưa có số liệu để đánh giá ${goal} (${t.ruleText}).`;
  } else {
    Object.assign(numbers, { meeting: s.meeting, expected: s.expected, value: s.value });
    text = `Có ${s.meeting}/${s.expected} cơ quan báo chí (${percentText(s.value)}) ${shareCondition(c, s)}, ${verdict}.`;
    // Missing agencies are in the denominator as not meeting; the sentence says so, so nobody reads it as a data gap hidden.
    const parts = [
      ...(notSent.length > 0 ? [`chưa gửi báo cáo: ${names(notSent)}`] : []),
      ...(noData.length > 0 ? [`chưa nhập số liệu: ${names(noData)}`] : []),
    ];
    if (parts.length > 0) text += ` Tính là chưa đạt do ${parts.join('; ')}.`;
  }
  return { section: 'targets', text, sourceKey: t.code, numbers };
}

export function buildReportSentences(c: Omit<Consolidation, 'sentences'>): ReportSentence[] {
  const out: ReportSentence[] = [];
  const count = (state: string) => c.sources.filter((s) => s.state === state).length;

  // Sources.
  const included = count('included');
  out.push({
    section: 'sources', sourceKey: '',
    text: `Đã nhận ${c.sources.length} tệp báo cáo; sử dụng ${included} tệp, ${count('superseded')} tệp bị thay thế bởi bản mới hơn, ${count('excluded')} tệp bị loại.`,
    numbers: { files: c.sources.length, included, superseded: count('superseded'), excluded: count('excluded') },
  });
  const pressRows = c.indexRows;
  const reportedPress = pressRows.filter((r) => r.reported);
  const notReported = pressRows.filter((r) => !r.reported);
  out.push({
    section: 'index', sourceKey: '',
    text:
      notReported.length === 0
        ? `Đã nhận đủ báo cáo của ${reportedPress.length}/${pressRows.length} cơ quan báo chí.`
        : `Đã nhận báo cáo của ${reportedPress.length}/${pressRows.length} cơ quan báo chí; chưa nhận: ${names(notReported)}.`,
    numbers: { reported: reportedPress.length, expected: pressRows.length },
  });
  const used = c.sources.filter((s) => s.state === 'included');
  const late = used.filter((s) => s.onTime === 'late');
  const deadline = formatSerial(c.deadlineSerial);
  const unknown = used.filter((s) => s.onTime === 'unknown');
  if (late.length > 0) {
    out.push({ section: 'sources', sourceKey: late.map((s) => s.fileName).join(', '), text: `Có ${late.length} đơn vị gửi báo cáo sau hạn (hạn: trước ngày ${deadline}): ${late.map((s) => s.unitName).join(', ')}.`, numbers: { late: late.length } });
  } else if (used.length > 0 && unknown.length === 0) {
    // About the files received only: the sentence above already names who sent nothing.
    out.push({ section: 'sources', sourceKey: '', text: `Cả ${used.length} đơn vị đã gửi báo cáo đều gửi đúng hạn (trước ngày ${deadline}).`, numbers: { late: 0, onTime: used.length } });
  }
  if (unknown.length > 0) {
    out.push({ section: 'sources', sourceKey: unknown.map((s) => s.fileName).join(', '), text: `Có ${unknown.length} đơn vị chưa ghi ngày gửi báo cáo: ${unknown.map((s) => s.unitName).join(', ')}.`, numbers: { unknown: unknown.length } });
  }

  // Targets.
  for (const s of c.targets) out.push(targetSentence(c, s));

  // Tasks.
  const states: Array<[string, string]> = [
    [TASK_STATUS.done, 'đã hoàn thành'],
    [TASK_STATUS.inProgress, 'đang thực hiện'],
    [TASK_STATUS.paused, 'tạm dừng'],
    [TASK_STATUS.notStarted, 'chưa thực hiện'],
  ];
  const byState = states.map(([state, words]) => ({ state, words, n: c.tasks.filter((t) => t.state === state).length }));
  const noData = c.tasks.filter((t) => !states.some(([s]) => s === t.state)).length;
  const parts = byState.filter((x) => x.n > 0).map((x) => `${x.n} nhiệm vụ ${x.words}`);
  if (noData > 0) parts.push(`${noData} nhiệm vụ chưa có báo cáo của đơn vị chủ trì`);
  out.push({
    section: 'tasks', sourceKey: '',
    text: `Trong ${c.tasks.length} nhiệm vụ được phân công: ${parts.join(', ')}.`,
    numbers: { tasks: c.tasks.length, ...Object.fromEntries(byState.map((x) => [x.state, x.n])), noData },
  });
  const overdue = c.tasks.filter((t) => t.overdue);
  const asOf = formatSerial(c.reportDate);
  out.push({
    section: 'tasks', sourceKey: overdue.map((t) => String(t.task.no)).join(', '),
    text: overdue.length > 0 ? `Có ${overdue.length} nhiệm vụ quá hạn tính đến ngày ${asOf}: nhiệm vụ số ${overdue.map((t) => t.task.no).join(', ')}.` : `Không có nhiệm vụ quá hạn tính đến ngày ${asOf}.`,
    numbers: { overdue: overdue.length },
  });

  // Index.
  const maxTotal = c.index.pillars.reduce((a, p) => a + p.maxPoints, 0);
  const ranked = pressRows.filter((r) => r.rank !== null).length;
  for (const r of pressRows) {
    if (!r.reported || r.total === null) {
      out.push({ section: 'index', sourceKey: r.unitId, text: `${r.unitName} chưa gửi kết quả tự đánh giá mức độ trưởng thành chuyển đổi số.`, numbers: {} });
      continue;
    }
    const numbers: Record<string, number> = { total: r.total };
    const complete = r.scoredRows === r.rows;
    let text = complete
      ? `${r.unitName} tự đánh giá đạt ${numberText(r.total)}/${numberText(maxTotal)} điểm, mức ${r.level}`
      : `${r.unitName} chưa chấm đủ các dòng tự đánh giá (${r.scoredRows}/${r.rows}); tổng điểm tạm tính ${numberText(r.total)}/${numberText(maxTotal)} điểm`;
    if (r.rank !== null) {
      text += `, xếp thứ ${r.rank}/${ranked} cơ quan báo chí của tỉnh`;
      numbers.rank = r.rank;
    }
    if (r.change !== null && c.previousYear !== undefined) {
      text += r.change === 0 ? `, không đổi so với năm ${c.previousYear}` : `, ${r.change > 0 ? 'tăng' : 'giảm'} ${numberText(Math.abs(r.change))} điểm so với năm ${c.previousYear}`;
      numbers.change = r.change;
      // Another decision's criteria and thresholds: only pillar points and totals compare.
      if (r.comparableOn === 'pillarsAndTotal') text += ` (năm ${c.previousYear} chấm theo ${r.previousVersion}, năm nay theo ${r.catalogueId || r.indexVersion}: chỉ so sánh điểm trụ cột và tổng điểm)`;
    }
    out.push({ section: 'index', sourceKey: r.unitId, text: `${text}.`, numbers });
  }

  // Data quality: recomputation overrode stored results.
  if (c.mismatches.length > 0) {
    const units = [...new Set(c.mismatches.map((m) => m.unitName))];
    out.push({
      section: 'mismatches', sourceKey: '',
      text: `Có ${c.mismatches.length} ô trong tệp của ${units.join(', ')} khác với kết quả tính lại (ô tự tính bị ghi đè, chưa tính lại hoặc dữ liệu cố định bị sửa); số liệu tổng hợp dùng kết quả tính lại từ số liệu nhập.`,
      numbers: { mismatches: c.mismatches.length },
    });
  }
  return out;
}
