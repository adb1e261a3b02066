import * as path from 'path';
import { performance } from 'perf_hooks';
import type { AgencyResults } from '../../domain/calculate';
import type { Finding, Severity } from '../../domain/check';
import { formatSerial, localDateSerial, type Scalar } from '../../domain/values';
import { checkWorkbook, type CheckReport } from '../../app/agency';
import { OFFICIAL_DATA } from '../../plans/official-data';
import { metaValue } from '../../workbook/read';
import { UsageError } from '../args';
import { error, type CliIO, type Command } from '../command';
import { MSG, say, SEVERITY_LABEL } from '../messages';
import { openAgencyFile, parseLang, showScalar, UnreadableFile, type OpenedAgencyFile, type OutputLang } from './shared';

/**
 * `pressdx check FILE.xlsx`: every problem of an agency workbook at once, by cell. Exit 0 when
 * no error was found (warnings and notes allowed), 1 when there are errors, 2 when the file
 * cannot be read as an agency workbook at all.
 */

export interface CheckJson {
  file: string;
  counts: Record<Severity, number>;
  /** Findings as the engine gives them, with the message in the chosen language and an explicit null suggestion. */
  findings: Array<Omit<Finding, 'suggestion'> & { message: string; suggestion: Scalar }>;
  results: {
    targets: Array<{ code: string; unitResult: Scalar; status: string }>;
    pillars: Array<{ pillar: Scalar; points: number; percent: Scalar }>;
    total: number;
    level: string;
    tasks: Array<{ no: Scalar; role: string; due: string; timeliness: string }>;
  };
}

export function resultsJson(r: AgencyResults): CheckJson['results'] {
  return {
    targets: r.targets.map((t) => ({ code: t.code, unitResult: t.unitResult, status: t.status })),
    pillars: r.pillars.map((p) => ({ pillar: p.pillar, points: p.points, percent: p.percent })),
    total: r.total,
    level: r.level,
    tasks: r.tasks.map((t) => ({ no: t.no, role: t.role, due: typeof t.due === 'number' ? formatSerial(t.due) : '', timeliness: t.timeliness })),
  };
}

export function checkJson(file: string, report: CheckReport, lang: OutputLang): CheckJson {
  return {
    file,
    counts: report.counts,
    findings: report.findings.map((f) => ({
      severity: f.severity, code: f.code, table: f.table, key: f.key, row: f.row, sheet: f.sheet, address: f.address,
      message: lang === 'vi' ? f.messageVi : f.messageEn, messageVi: f.messageVi, messageEn: f.messageEn,
      value: f.value, suggestion: f.suggestion ?? null, ...(f.rowKey ? { rowKey: f.rowKey } : {}),
    })),
    results: resultsJson(report.results),
  };
}

/** "Sheet!A1 [lỗi] message (gợi ý: value)", one line per finding. */
export function findingLine(f: Finding, lang: OutputLang): string {
  const where = f.sheet && f.address ? `${f.sheet}!${f.address}` : f.table || f.key;
  const suggestion =
    f.suggestion === undefined ? '' : ` (${lang === 'vi' ? 'gợi ý' : 'suggestion'}: ${showScalar(f.suggestion, lang, f.code === 'dateAsText')})`;
  return `${where} [${SEVERITY_LABEL[f.severity][lang]}] ${lang === 'vi' ? f.messageVi : f.messageEn}${suggestion}`;
}

export function humanReport(file: string, report: CheckReport, unit: string, year: string, lang: OutputLang): string {
  const lines = [say(MSG.checkHeader(file), lang), say(MSG.checkUnit(unit, year), lang), say(MSG.checkCounts(report.counts.error, report.counts.warning, report.counts.info), lang)];
  // Grouped by sheet in the order the findings come (the engine sorts them by table and row).
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const sheet = f.sheet || say(MSG.checkNoCell(), lang);
    const group = groups.get(sheet);
    if (group) group.push(f);
    else groups.set(sheet, [f]);
  }
  for (const [sheet, list] of groups) {
    lines.push('', sheet);
    for (const f of list) lines.push(`  ${findingLine(f, lang)}`);
  }
  if (report.counts.error + report.counts.warning === 0) lines.push('', say(MSG.checkClean(), lang));
  lines.push('', say(MSG.checkTotals(showScalar(report.results.total, lang), report.results.level), lang));
  return lines.join('\n') + '\n';
}

export const checkCommand: Command = {
  help: {
    name: 'check',
    summary: { vi: 'Kiểm tra biểu mẫu báo cáo của đơn vị: mọi lỗi, theo từng ô', en: "Check an agency's report workbook: every problem, by cell" },
    usage: 'pressdx check TỆP.xlsx [--json] [--lang vi|en]',
    options: [
      { flag: '--json', text: { vi: 'In kết quả dạng JSON (lỗi, cảnh báo và kết quả tính).', en: 'Print findings and computed results as JSON.' } },
      { flag: '--lang vi|en', text: { vi: 'Ngôn ngữ của thông báo; mặc định vi.', en: 'Language of the messages; default vi.' } },
    ],
    notes: [{ vi: 'Mã thoát: 0 không có lỗi (có thể có cảnh báo), 1 có lỗi, 2 tệp không đọc được là biểu mẫu của đơn vị hoặc sai đối số.', en: 'Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 the file cannot be read as an agency workbook, or bad arguments.' }],
  },
  options: { json: { value: false }, lang: { value: true } },
  async run({ options, positionals }, io: CliIO) {
    if (positionals.length !== 1) throw new UsageError(MSG.oneFile('check'));
    const lang = parseLang(options.lang);
    const file = path.resolve(io.cwd, positionals[0]);
    const started = performance.now();
    let opened: OpenedAgencyFile;
    try {
      opened = await openAgencyFile(file);
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      const text = e.text;
      error({ ...io, lang: options.lang === undefined ? io.lang : lang }, text);
      if (options.json === true) io.stdout(JSON.stringify({ file, error: { messageVi: text.vi, messageEn: text.en } }, null, 2) + '\n');
      return 2;
    }
    const report = checkWorkbook(opened.content, OFFICIAL_DATA, localDateSerial(io.now()));
    const ms = Math.round(performance.now() - started);
    if (options.json === true) {
      io.stdout(JSON.stringify(checkJson(file, report, lang), null, 2) + '\n');
    } else {
      const unit = showScalar(opened.read.tables.tblThongTin?.find((r) => r.key === 'unit')?.value, lang);
      const year = showScalar(metaValue(opened.read, 'year'), 'en');
      io.stdout(humanReport(file, report, unit, year, lang));
      io.stdout(say(MSG.checkDone(ms, report.counts.error), lang) + '\n');
    }
    return report.counts.error > 0 ? 1 : 0;
  },
};
