import { promises as fs } from 'fs';
import * as path from 'path';
import { emptyCatalogue, type CatalogueCheck } from '../../domain/catalogue';
import type { Severity } from '../../domain/check';
import { INDEX_VERSIONS } from '../../indexes/index-versions';
import { buildCatalogueWorkbookSpec } from '../../workbook/catalogue-sheet';
import { renderToBuffer } from '../../xlsx';
import { UsageError } from '../args';
import { readCatalogueFile } from '../catalogue-file';
import { error, info, type CliIO, type Command } from '../command';
import { MSG, say, type Bilingual } from '../messages';
import { findingLine } from './check';
import { parseLang, str, UnreadableFile, type OutputLang } from './shared';

/**
 * `pressdx catalogue check FILE`: the criteria catalogue's findings, by cell (exit 0 usable, 1
 * errors, 2 unreadable); `pressdx catalogue new --index V --out FILE.xlsx`: the empty sheet to
 * paste the decision's annex into.
 */

export function indexOption(value: string | undefined) {
  if (value === undefined) return undefined;
  const v = INDEX_VERSIONS.find((x) => x.id.toLowerCase() === value.trim().toLowerCase());
  if (!v) throw new UsageError(MSG.badIndex(value, INDEX_VERSIONS.map((x) => x.id)));
  return v;
}

/** The findings as the task pane lists them, then a one-line verdict. */
export function catalogueReport(file: string, check: CatalogueCheck, lang: OutputLang): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of check.findings) counts[f.severity]++;
  const lines = [say({ vi: `Bộ tiêu chí: ${file}`, en: `Criteria catalogue: ${file}` }, lang), say(MSG.checkCounts(counts.error, counts.warning, counts.info), lang), ''];
  for (const f of check.findings) lines.push(`  ${findingLine(f, lang)}`);
  const c = check.catalogue;
  const verdict: Bilingual = c
    ? { vi: `Dùng được: ${c.criteria.length} tiêu chí, ${new Set(c.criteria.map((x) => x.component)).size} chỉ số thành phần, phiên bản ${c.indexVersion}.`, en: `Usable: ${c.criteria.length} criteria, ${new Set(c.criteria.map((x) => x.component)).size} component indices, version ${c.indexVersion}.` }
    : { vi: 'Chưa dùng được: sửa các lỗi trên rồi kiểm tra lại.', en: 'Not usable yet: fix the errors above and check again.' };
  lines.push('', say(verdict, lang));
  return lines.join('\n') + '\n';
}

export const catalogueCommand: Command = {
  help: {
    name: 'catalogue',
    summary: { vi: 'Bộ tiêu chí của Bộ chỉ số: kiểm tra, hoặc tạo trang trống để dán phụ lục', en: "The index's criteria catalogue: check one, or create the empty sheet for the annex" },
    usage: 'pressdx catalogue check TỆP.xlsx|TỆP.csv [--index PHIÊN_BẢN] [--json] [--lang vi|en]\n       pressdx catalogue new --index PHIÊN_BẢN --out TỆP.xlsx [--lang vi|en] [--force]',
    options: [
      { flag: '--index VERSION', text: { vi: `Phiên bản bộ chỉ số (${INDEX_VERSIONS.map((v) => v.id).join(', ')}); tệp .csv cần tùy chọn này.`, en: 'Index version; required for a .csv file.' } },
      { flag: '--json', text: { vi: 'In các phát hiện dạng JSON.', en: 'Print the findings as JSON.' } },
      { flag: '--out FILE.xlsx', text: { vi: 'Tệp sẽ ghi (catalogue new).', en: 'File to write (catalogue new).' } },
      { flag: '--lang vi|en', text: { vi: 'Ngôn ngữ; mặc định vi.', en: 'Language; default vi.' } },
      { flag: '--force', text: { vi: 'Ghi đè nếu tệp đã có.', en: 'Overwrite an existing file.' } },
    ],
    notes: [{ vi: 'PressDX không có sẵn tiêu chí nào: các tiêu chí lấy từ phụ lục của quyết định.', en: "PressDX ships no criteria: they come from the decision's annex." }],
  },
  options: { index: { value: true }, json: { value: false }, out: { value: true }, lang: { value: true }, force: { value: false } },
  async run({ options, positionals }, io: CliIO) {
    const [sub, ...files] = positionals;
    const lang = parseLang(options.lang);
    const version = indexOption(str(options, 'index'));
    if (sub === 'new') {
      if (files.length > 0) throw new UsageError(MSG.unexpectedArgument(files[0]));
      if (!version) throw new UsageError(MSG.required('--index'));
      const out = str(options, 'out');
      if (!out) throw new UsageError(MSG.required('--out'));
      if (!/\.xlsx$/i.test(out)) throw new UsageError(MSG.outNotXlsx(out));
      const file = path.resolve(io.cwd, out);
      if (options.force !== true && (await fs.stat(file).catch(() => undefined))) throw new UsageError(MSG.outExists(file));
      const bytes = await renderToBuffer(buildCatalogueWorkbookSpec(emptyCatalogue(version), version, lang));
      await fs.writeFile(file, bytes);
      info(io, { vi: `Đã ghi trang Bộ tiêu chí trống của ${version.decision}: ${file}`, en: `Wrote the empty criteria catalogue of ${version.decision}: ${file}` });
      return 0;
    }
    if (sub !== 'check') throw new UsageError({ vi: 'dùng "catalogue check TỆP" hoặc "catalogue new".', en: 'use "catalogue check FILE" or "catalogue new".' });
    if (files.length !== 1) throw new UsageError({ vi: 'catalogue check cần đúng một tệp .xlsx hoặc .csv.', en: 'catalogue check takes exactly one .xlsx or .csv file.' });
    const file = path.resolve(io.cwd, files[0]);
    let check: CatalogueCheck;
    try {
      check = await readCatalogueFile(file, version?.id);
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      error({ ...io, lang: options.lang === undefined ? io.lang : lang }, e.text);
      return 2;
    }
    if (options.json === true) {
      const findings = check.findings.map((f) => ({ ...f, message: lang === 'vi' ? f.messageVi : f.messageEn, suggestion: f.suggestion ?? null }));
      io.stdout(JSON.stringify({ file, usable: check.catalogue !== undefined, indexVersion: check.version?.id ?? null, criteria: check.catalogue?.criteria.length ?? null, findings }, null, 2) + '\n');
    } else io.stdout(catalogueReport(file, check, lang));
    return check.catalogue ? 0 : 1;
  },
};
