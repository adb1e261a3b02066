import { localDateSerial } from '../../domain/values';
import { promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { INDEX_VERSIONS, indexVersionForYear } from '../../indexes/index-versions';
import { QUANG_TRI_2023 } from '../../plans/quang-tri-2023';
import type { Lang } from '../../workbook/labels';
import { writeAgencyTemplate } from '../../xlsx';
import { parseYear, UsageError } from '../args';
import { readCatalogueFile } from '../catalogue-file';
import { error, info, type Command } from '../command';
import { MSG } from '../messages';
import { findUnit } from '../units';
import { catalogueReport } from './catalogue';
import { UnreadableFile } from './shared';

export const YEAR_RANGE = { min: 2023, max: 2035 } as const;

export const templateCommand: Command = {
  help: {
    name: 'template',
    summary: { vi: 'Tạo biểu mẫu báo cáo (.xlsx) cho một đơn vị', en: 'Create a report workbook (.xlsx) for a unit' },
    usage: 'pressdx template --out TỆP.xlsx [--unit MÃ|TÊN] [--year NĂM] [--index PHIÊN_BẢN] [--lang vi|en] [--base-year NĂM] [--catalogue TỆP] [--force]',
    options: [
      { flag: '--out FILE.xlsx', text: { vi: 'Tệp sẽ ghi (bắt buộc).', en: 'File to write (required).' } },
      { flag: '--unit NAME|ID', text: { vi: 'Đơn vị báo cáo: mã (BQT) hoặc tên, không phân biệt hoa thường, dấu.', en: 'Reporting unit: id (BQT) or name; case and diacritics ignored.' } },
      { flag: '--year YYYY', text: { vi: `Năm báo cáo, ${YEAR_RANGE.min}–${YEAR_RANGE.max}; mặc định năm nay.`, en: `Reporting year, ${YEAR_RANGE.min}–${YEAR_RANGE.max}; default this year.` } },
      { flag: '--index VERSION', text: { vi: `Phiên bản bộ chỉ số (${INDEX_VERSIONS.map((v) => v.id).join(', ')}); mặc định theo năm.`, en: 'Maturity index version; default: the one in force for the year.' } },
      { flag: '--lang vi|en', text: { vi: 'Ngôn ngữ của biểu mẫu; mặc định vi.', en: 'Language of the workbook; default vi.' } },
      { flag: '--base-year YYYY', text: { vi: 'Năm gốc của doanh thu (CT5a); mặc định năm trước năm báo cáo.', en: 'Base year of revenue (CT5a); default the year before.' } },
      { flag: '--catalogue FILE', text: { vi: 'Bộ tiêu chí (.xlsx/.csv) đã kiểm tra: trang Chỉ số chấm điểm từng tiêu chí.', en: 'A checked criteria catalogue (.xlsx/.csv): the Index sheet scores each criterion.' } },
      { flag: '--force', text: { vi: 'Ghi đè nếu tệp đã có.', en: 'Overwrite an existing file.' } },
    ],
  },
  options: {
    out: { value: true },
    unit: { value: true },
    year: { value: true },
    index: { value: true },
    lang: { value: true },
    'base-year': { value: true },
    catalogue: { value: true },
    force: { value: false },
  },
  async run({ options, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(MSG.unexpectedArgument(positionals[0]));
    const str = (k: string) => (typeof options[k] === 'string' ? (options[k] as string) : undefined);

    const out = str('out');
    if (!out) throw new UsageError(MSG.required('--out'));
    if (!/\.xlsx$/i.test(out)) throw new UsageError(MSG.outNotXlsx(out));
    const file = path.resolve(io.cwd, out);

    const plan = QUANG_TRI_2023;
    const unitArg = str('unit');
    const unit = unitArg === undefined ? undefined : findUnit(plan, unitArg);
    if (unitArg !== undefined && !unit) throw new UsageError(MSG.badUnit(unitArg, plan.units.map((u) => `${u.id} (${u.name})`)));

    const now = io.now();
    const yearArg = str('year');
    // Outside the plan's years the default falls to the nearest one the template supports.
    const year = yearArg !== undefined ? parseYear('--year', yearArg, YEAR_RANGE.min, YEAR_RANGE.max) : Math.min(YEAR_RANGE.max, Math.max(YEAR_RANGE.min, now.getFullYear()));

    const indexArg = str('index');
    const index = indexArg === undefined ? indexVersionForYear(year) : INDEX_VERSIONS.find((v) => v.id.toLowerCase() === indexArg.trim().toLowerCase());
    if (!index) throw new UsageError(MSG.badIndex(indexArg ?? '', INDEX_VERSIONS.map((v) => v.id)));

    const langArg = (str('lang') ?? 'vi').trim().toLowerCase();
    if (langArg !== 'vi' && langArg !== 'en') throw new UsageError(MSG.badLang(str('lang') ?? ''));
    const lang: Lang = langArg;

    const baseArg = str('base-year');
    const revenueBaseYear = baseArg === undefined ? undefined : parseYear('--base-year', baseArg, 2000, year - 1);

    const dir = path.dirname(file);
    const dirStat = await fs.stat(dir).catch(() => undefined);
    if (!dirStat?.isDirectory()) throw new UsageError(MSG.outDirMissing(dir));
    if (options.force !== true && (await fs.stat(file).catch(() => undefined))) throw new UsageError(MSG.outExists(file));

    const catalogueArg = str('catalogue');
    let catalogue;
    if (catalogueArg !== undefined) {
      const catalogueFile = path.resolve(io.cwd, catalogueArg);
      const check = await readCatalogueFile(catalogueFile, index.id).catch((e: unknown) => {
        if (e instanceof UnreadableFile) return e;
        throw e;
      });
      if (check instanceof UnreadableFile) {
        error(io, check.text);
        return 2;
      }
      if (!check.catalogue) {
        io.stderr(catalogueReport(catalogueFile, check, lang));
        return 1;
      }
      catalogue = check.catalogue;
    }

    const started = performance.now();
    const bytes = await writeAgencyTemplate({
      catalogue,
      plan,
      index,
      year,
      unitId: unit?.id,
      lang,
      generatedAt: now.toISOString(),
      generator: `PressDX ${io.version}`,
      revenueBaseYear,
      todaySerial: localDateSerial(now),
    });
    try {
      await fs.writeFile(file, bytes);
    } catch (e) {
      error(io, MSG.writeFailed(file, e instanceof Error ? e.message : String(e)));
      return 1;
    }
    const ms = Math.round(performance.now() - started);
    info(io, MSG.wroteTemplate(file, (bytes.length / 1024).toFixed(1), ms, unit ? { vi: unit.name, en: unit.name } : MSG.anyUnit(), year, index.id));
    return 0;
  },
};
