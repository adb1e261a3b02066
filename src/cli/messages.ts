/**
 * Every message the CLI prints, in Vietnamese and English, kept in one place so a `--lang`
 * switch for messages needs no change elsewhere. Until then both languages are shown.
 */

export interface Bilingual {
  vi: string;
  en: string;
}

export type MessageLang = 'vi' | 'en' | 'both';

export function say(m: Bilingual, lang: MessageLang = 'both'): string {
  if (lang === 'vi') return m.vi;
  if (lang === 'en') return m.en;
  return m.vi === m.en ? m.vi : `${m.vi}\n  (${m.en})`;
}

const list = (xs: readonly string[]) => xs.join(', ');

export const MSG = {
  error: (m: Bilingual): Bilingual => ({ vi: `Lỗi: ${m.vi}`, en: `Error: ${m.en}` }),
  seeHelp: (command?: string): Bilingual => ({
    vi: `Xem hướng dẫn: pressdx ${command ? `${command} ` : ''}--help`,
    en: `See: pressdx ${command ? `${command} ` : ''}--help`,
  }),
  unknownCommand: (name: string, known: readonly string[]): Bilingual => ({
    vi: `không có lệnh "${name}". Các lệnh: ${list(known)}.`,
    en: `no command "${name}". Commands: ${list(known)}.`,
  }),
  noCommand: (): Bilingual => ({ vi: 'chưa chọn lệnh.', en: 'no command given.' }),
  unknownOption: (name: string): Bilingual => ({ vi: `không có tùy chọn ${name}.`, en: `unknown option ${name}.` }),
  missingValue: (name: string): Bilingual => ({ vi: `tùy chọn ${name} cần một giá trị.`, en: `option ${name} needs a value.` }),
  repeated: (name: string): Bilingual => ({ vi: `tùy chọn ${name} được nhập hai lần.`, en: `option ${name} is given twice.` }),
  flagWithValue: (name: string): Bilingual => ({ vi: `tùy chọn ${name} không nhận giá trị.`, en: `option ${name} takes no value.` }),
  unexpectedArgument: (arg: string): Bilingual => ({ vi: `thừa đối số "${arg}".`, en: `unexpected argument "${arg}".` }),
  required: (name: string): Bilingual => ({ vi: `thiếu tùy chọn bắt buộc ${name}.`, en: `missing required option ${name}.` }),
  outNotXlsx: (value: string): Bilingual => ({
    vi: `--out "${value}": tên tệp phải có đuôi .xlsx.`,
    en: `--out "${value}": the file name must end in .xlsx.`,
  }),
  outDirMissing: (dir: string): Bilingual => ({ vi: `--out: không có thư mục "${dir}".`, en: `--out: directory "${dir}" does not exist.` }),
  outExists: (file: string): Bilingual => ({
    vi: `--out: tệp "${file}" đã có; thêm --force để ghi đè.`,
    en: `--out: "${file}" already exists; add --force to overwrite it.`,
  }),
  badYear: (option: string, value: string, min: number, max: number): Bilingual => ({
    vi: `${option} "${value}": năm phải là số nguyên từ ${min} đến ${max}.`,
    en: `${option} "${value}": the year must be a whole number from ${min} to ${max}.`,
  }),
  badUnit: (value: string, units: readonly string[]): Bilingual => ({
    vi: `--unit "${value}": không tìm thấy đơn vị. Chọn mã hoặc tên: ${list(units)}.`,
    en: `--unit "${value}": no such unit. Use a code or name: ${list(units)}.`,
  }),
  badIndex: (value: string, ids: readonly string[]): Bilingual => ({
    vi: `--index "${value}": không có phiên bản bộ chỉ số này. Chọn: ${list(ids)}.`,
    en: `--index "${value}": unknown index version. Choose: ${list(ids)}.`,
  }),
  badLang: (value: string): Bilingual => ({ vi: `--lang "${value}": chỉ nhận vi hoặc en.`, en: `--lang "${value}": use vi or en.` }),
  targetReadOnly: (file: string): Bilingual => ({
    vi: `tệp "${file}" chỉ cho phép đọc; PressDX không ghi đè. Hãy bỏ thuộc tính chỉ đọc hoặc dùng --out để ghi ra tệp khác.`,
    en: `"${file}" is read-only; PressDX does not overwrite it. Make it writable or use --out to write another file.`,
  }),
  targetHardLinked: (file: string, links: number): Bilingual => ({
    vi: `tệp "${file}" có ${links} liên kết cứng (hard link); ghi đè sẽ tách các liên kết. Hãy dùng --out để ghi ra tệp khác.`,
    en: `"${file}" has ${links} hard links; replacing it would split them. Use --out to write another file.`,
  }),
  writeFailed: (file: string, reason: string): Bilingual => ({
    vi: `không ghi được tệp "${file}": ${reason}`,
    en: `could not write "${file}": ${reason}`,
  }),
  unexpected: (reason: string): Bilingual => ({ vi: `lỗi không mong đợi: ${reason}`, en: `unexpected failure: ${reason}` }),
  wroteTemplate: (file: string, kb: string, ms: number, unit: Bilingual, year: number, index: string): Bilingual => ({
    vi: `Đã tạo biểu mẫu ${file} (${kb} KB) trong ${ms} ms — đơn vị: ${unit.vi}; năm ${year}; bộ chỉ số ${index}.`,
    en: `Wrote template ${file} (${kb} KB) in ${ms} ms — unit: ${unit.en}; year ${year}; index ${index}.`,
  }),
  anyUnit: (): Bilingual => ({ vi: '(chưa chọn, chọn trong tệp)', en: '(none; pick it in the file)' }),

  // Reading one file (check, fill, merge).
  fileMissing: (file: string): Bilingual => ({ vi: `không tìm thấy tệp "${file}".`, en: `file "${file}" not found.` }),
  notAFile: (file: string): Bilingual => ({ vi: `"${file}" không phải là tệp.`, en: `"${file}" is not a file.` }),
  fileTooBig: (file: string, detail: Bilingual): Bilingual => ({ vi: `tệp "${file}" quá lớn để đọc: ${detail.vi}`, en: `"${file}" is too big to read: ${detail.en}` }),
  fileNotXlsx: (file: string, detail: Bilingual): Bilingual => ({ vi: `tệp "${file}" không đọc được: ${detail.vi}`, en: `"${file}" cannot be read: ${detail.en}` }),
  fileMissingMeta: (file: string, missing: readonly string[]): Bilingual => ({
    vi: `tệp "${file}" là bảng tính hợp lệ nhưng không phải biểu mẫu báo cáo PressDX: thiếu ${missing.length} bảng (${missing.join(', ')}). Hãy tạo biểu mẫu bằng lệnh pressdx template.`,
    en: `"${file}" is a valid workbook but not a PressDX report workbook: ${missing.length} table(s) are missing (${missing.join(', ')}). Create templates with pressdx template.`,
  }),
  fileIsProvince: (file: string): Bilingual => ({
    vi: `tệp "${file}" là bảng tổng hợp của tỉnh (kết quả lệnh pressdx merge), không phải báo cáo của đơn vị; hãy kiểm tra các tệp báo cáo của đơn vị.`,
    en: `"${file}" is a province workbook (the output of pressdx merge), not an agency report; check the agencies' report files instead.`,
  }),
  fileNotAgency: (file: string, schema: string): Bilingual => ({
    vi: `tệp "${file}" không phải biểu mẫu báo cáo của đơn vị (schema "${schema}", cần "pressdx-agency").`,
    en: `"${file}" is not an agency report workbook (schema "${schema}", expected "pressdx-agency").`,
  }),
  oneFile: (command: string): Bilingual => ({ vi: `lệnh ${command} cần đúng một tệp .xlsx.`, en: `${command} takes exactly one .xlsx file.` }),

  // check
  checkHeader: (file: string): Bilingual => ({ vi: `Kiểm tra tệp ${file}`, en: `Checking ${file}` }),
  checkUnit: (unit: string, year: string): Bilingual => ({ vi: `Đơn vị: ${unit || '(chưa chọn)'} — năm báo cáo: ${year || '(trống)'}`, en: `Unit: ${unit || '(none)'} — reporting year: ${year || '(blank)'}` }),
  checkCounts: (e: number, w: number, i: number): Bilingual => ({
    vi: `Kết quả: ${e} lỗi, ${w} cảnh báo, ${i} thông tin.`,
    en: `Result: ${e} error(s), ${w} warning(s), ${i} info.`,
  }),
  checkClean: (): Bilingual => ({ vi: 'Không có lỗi hay cảnh báo nào.', en: 'No errors or warnings.' }),
  checkNoCell: (): Bilingual => ({ vi: '(không gắn với ô nào)', en: '(not tied to a cell)' }),
  checkTotals: (total: string, level: string): Bilingual => ({ vi: `Tổng điểm tự đánh giá: ${total} — mức độ: ${level || '(trống)'}`, en: `Self-assessed total: ${total} — level: ${level || '(blank)'}` }),
  checkDone: (ms: number, errors: number): Bilingual => ({
    vi: errors > 0 ? `Có lỗi cần sửa (kiểm tra trong ${ms} ms).` : `Không có lỗi (kiểm tra trong ${ms} ms).`,
    en: errors > 0 ? `Errors need fixing (checked in ${ms} ms).` : `No errors (checked in ${ms} ms).`,
  }),

  // fill
  fillNeedsOut: (file: string): Bilingual => ({
    vi: `lệnh fill không ghi đè tệp gốc "${file}" nếu không có --in-place; dùng --out TỆP_MỚI.xlsx hoặc thêm --in-place.`,
    en: `fill does not overwrite the input "${file}" without --in-place; use --out NEW.xlsx or add --in-place.`,
  }),
  fillOutAndInPlace: (): Bilingual => ({ vi: 'dùng --out hoặc --in-place, không dùng cả hai.', en: 'use --out or --in-place, not both.' }),
  fillRestoredHeader: (n: number): Bilingual => ({ vi: `Khôi phục công thức bị ghi đè (${n}):`, en: `Restored overwritten formulas (${n}):` }),
  fillNothingRestored: (): Bilingual => ({ vi: 'Không có công thức nào bị ghi đè.', en: 'No formula had been overwritten.' }),
  fillBlocked: (file: string): Bilingual => ({
    vi: `Không tính toán "${file}" và không ghi tệp nào: công thức của PressDX gọi cột theo tiêu đề, nên phải sửa các cột dưới đây trước.`,
    en: `"${file}" was not filled and nothing was written: PressDX's formulas name columns by their headers, so the columns below must be fixed first.`,
  }),
  fillDone: (out: string, rewritten: number, total: number, ms: number): Bilingual => ({
    vi: `Đã ghi ${out}: cập nhật ${rewritten} trên ${total} ô tự tính (công thức và kết quả) trong ${ms} ms; ô nhập liệu giữ nguyên.`,
    en: `Wrote ${out}: updated ${rewritten} of ${total} calculated cells (formula and result) in ${ms} ms; input cells untouched.`,
  }),

  // merge
  mergeNoInputs: (): Bilingual => ({ vi: 'chưa chọn tệp hoặc thư mục nào để tổng hợp.', en: 'no files or folders to merge.' }),
  mergeInputMissing: (p: string): Bilingual => ({ vi: `không tìm thấy "${p}".`, en: `"${p}" not found.` }),
  mergeOutIsInput: (file: string): Bilingual => ({
    vi: `--out "${file}" là một tệp nguồn; tổng hợp không bao giờ ghi đè tệp của đơn vị.`,
    en: `--out "${file}" is one of the input files; merge never overwrites an agency file.`,
  }),
  mergeBadPrevious: (file: string, reason: string): Bilingual => ({ vi: `--previous "${file}": ${reason}`, en: `--previous "${file}": ${reason}` }),
  mergeHeader: (year: number, files: number, included: number, superseded: number, excluded: number): Bilingual => ({
    vi: `Tổng hợp năm ${year} từ ${files} tệp: ${included} sử dụng, ${superseded} bị thay thế, ${excluded} bị loại.`,
    en: `Merging ${year} from ${files} file(s): ${included} used, ${superseded} superseded, ${excluded} excluded.`,
  }),
  mergeTargetsHeader: (): Bilingual => ({ vi: 'Mục tiêu (giá trị toàn tỉnh / ngưỡng — đánh giá):', en: 'Targets (province value / threshold — status):' }),
  mergeIndexHeader: (): Bilingual => ({ vi: 'Chỉ số trưởng thành của các cơ quan báo chí:', en: 'Maturity index of the press agencies:' }),
  mergeMismatches: (n: number): Bilingual => ({
    vi: `${n} ô trong tệp của đơn vị khác kết quả tính lại (không được dùng; xem trang Sai lệch).`,
    en: `${n} cell(s) in agency files differ from the recomputation (not used; see the Mismatches sheet).`,
  }),
  mergeNothing: (): Bilingual => ({
    vi: 'không có tệp nào tổng hợp được; không ghi tệp kết quả.',
    en: 'nothing could be merged; no output was written.',
  }),
  mergeDone: (out: string, kb: string, files: number, ms: number): Bilingual => ({
    vi: `Đã ghi bảng tổng hợp ${out} (${kb} KB) từ ${files} tệp trong ${ms} ms. Tệp nguồn không bị thay đổi.`,
    en: `Wrote the province workbook ${out} (${kb} KB) from ${files} file(s) in ${ms} ms. Source files are unchanged.`,
  }),

  // samples
  samplesWrote: (file: string, what: Bilingual): Bilingual => ({ vi: `${file} — ${what.vi}`, en: `${file} — ${what.en}` }),
  samplesHeader: (dir: string, year: number): Bilingual => ({ vi: `Bộ tệp mẫu năm ${year} trong ${dir}:`, en: `Sample files for ${year} in ${dir}:` }),
  samplesDone: (n: number, ms: number): Bilingual => ({ vi: `Đã ghi ${n} tệp trong ${ms} ms.`, en: `Wrote ${n} files in ${ms} ms.` }),
} as const;

/** Severity words as the CLI prints them. */
export const SEVERITY_LABEL: Record<'error' | 'warning' | 'info', Bilingual> = {
  error: { vi: 'lỗi', en: 'error' },
  warning: { vi: 'cảnh báo', en: 'warning' },
  info: { vi: 'thông tin', en: 'info' },
};

export interface CommandHelp {
  name: string;
  summary: Bilingual;
  usage: string;
  options: Array<{ flag: string; text: Bilingual }>;
  /** Lines after the options, e.g. what the exit codes mean for this command. */
  notes?: Bilingual[];
}

export function formatCommandHelp(c: CommandHelp): string {
  const pad = Math.max(...c.options.map((o) => o.flag.length), 10) + 2;
  return [
    `pressdx ${c.name} — ${c.summary.vi}`,
    `  (${c.summary.en})`,
    '',
    `Cách dùng / Usage: ${c.usage}`,
    '',
    'Tùy chọn / Options:',
    ...c.options.flatMap((o) => [`  ${o.flag.padEnd(pad)}${o.text.vi}`, `  ${''.padEnd(pad)}(${o.text.en})`]),
    ...(c.notes ?? []).flatMap((n) => ['', n.vi, `  (${n.en})`]),
  ].join('\n');
}

export function formatMainHelp(commands: CommandHelp[], version: string): string {
  const pad = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `PressDX ${version} — công cụ báo cáo chuyển đổi số báo chí`,
    '  (press digital-transformation reporting tool)',
    '',
    'Cách dùng / Usage: pressdx <lệnh/command> [tùy chọn/options]',
    '',
    'Các lệnh / Commands:',
    ...commands.flatMap((c) => [`  ${c.name.padEnd(pad)}${c.summary.vi}`, `  ${''.padEnd(pad)}(${c.summary.en})`]),
    '',
    '  --help     Hướng dẫn; pressdx <lệnh> --help cho từng lệnh (help; per command too)',
    '  --version  Phiên bản (version)',
    '',
    'Mã thoát / Exit codes: 0 thành công (success), 1 lỗi khi chạy (runtime failure), 2 sai đối số (bad arguments).',
  ].join('\n');
}
