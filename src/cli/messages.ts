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
} as const;

export interface CommandHelp {
  name: string;
  summary: Bilingual;
  usage: string;
  options: Array<{ flag: string; text: Bilingual }>;
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
