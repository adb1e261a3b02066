import { localDateSerial } from '../../domain/values';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Catalogue } from '../../domain/catalogue';
import type { CodeMapping } from '../../domain/migrate';
import { QUANG_TRI_2023 } from '../../plans/quang-tri-2023';
import { migrateWorkbook } from '../../workbook/migration';
import { metaValue } from '../../workbook/read';
import { renderToBuffer } from '../../xlsx';
import { UsageError } from '../args';
import { readCatalogueFile, readMappingFile } from '../catalogue-file';
import { error, info, type CliIO, type Command } from '../command';
import { MSG } from '../messages';
import { catalogueReport, indexOption } from './catalogue';
import { openAgencyFile, parseLang, str, UnreadableFile, type OpenedAgencyFile } from './shared';

/**
 * `pressdx migrate IN.xlsx --to VERSION [--catalogue FILE] [--map FILE] --out OUT.xlsx`: a new
 * workbook for another index version or granularity with every entry of IN that has a place, and
 * the others on the "Không ánh xạ được" sheet. IN is only read.
 */
export const migrateCommand: Command = {
  help: {
    name: 'migrate',
    summary: { vi: 'Chuyển biểu mẫu của đơn vị sang phiên bản Bộ chỉ số hoặc cách chấm khác, giữ mọi số liệu đã nhập', en: "Move an agency workbook to another index version or granularity, keeping every entry" },
    usage: 'pressdx migrate VÀO.xlsx --to PHIÊN_BẢN --out RA.xlsx [--catalogue TỆP] [--map TỆP] [--lang vi|en] [--force]',
    options: [
      { flag: '--to VERSION', text: { vi: 'Phiên bản bộ chỉ số đích (bắt buộc).', en: 'Target index version (required).' } },
      { flag: '--out FILE.xlsx', text: { vi: 'Tệp mới sẽ ghi (bắt buộc; khác tệp vào).', en: 'New file to write (required; not the input).' } },
      { flag: '--catalogue FILE', text: { vi: 'Bộ tiêu chí của phiên bản đích: chấm theo từng tiêu chí. Không có: chấm theo trụ cột.', en: 'Criteria catalogue of the target: criterion-level. Without: pillar-level.' } },
      { flag: '--map FILE', text: { vi: 'Bảng ánh xạ mã (cột "Mã cũ", "Mã mới"), .xlsx hoặc .csv.', en: 'Code mapping table ("Mã cũ", "Mã mới" columns), .xlsx or .csv.' } },
      { flag: '--lang vi|en', text: { vi: 'Ngôn ngữ của biểu mẫu mới; mặc định vi.', en: 'Language of the new workbook; default vi.' } },
      { flag: '--force', text: { vi: 'Ghi đè tệp ra nếu đã có.', en: 'Overwrite the output if it exists.' } },
    ],
    notes: [{ vi: 'Số liệu không có chỗ trong biểu mẫu mới được liệt kê ở trang "Không ánh xạ được", không bị xóa.', en: 'Entries without a place are listed on the "Không ánh xạ được" sheet, never dropped.' }],
  },
  options: { to: { value: true }, out: { value: true }, catalogue: { value: true }, map: { value: true }, lang: { value: true }, force: { value: false } },
  async run({ options, positionals }, io: CliIO) {
    if (positionals.length !== 1) throw new UsageError(MSG.oneFile('migrate'));
    const lang = parseLang(options.lang);
    const index = indexOption(str(options, 'to'));
    if (!index) throw new UsageError(MSG.required('--to'));
    const out = str(options, 'out');
    if (!out) throw new UsageError(MSG.required('--out'));
    if (!/\.xlsx$/i.test(out)) throw new UsageError(MSG.outNotXlsx(out));
    const input = path.resolve(io.cwd, positionals[0]);
    const output = path.resolve(io.cwd, out);
    if (input === output) throw new UsageError({ vi: 'tệp ra phải khác tệp vào: PressDX không sửa tệp của đơn vị.', en: "the output must differ from the input: PressDX never changes an agency's file." });
    if (options.force !== true && (await fs.stat(output).catch(() => undefined))) throw new UsageError(MSG.outExists(output));

    let catalogue: Catalogue | undefined;
    let mapping: CodeMapping[] | undefined;
    let opened: OpenedAgencyFile;
    try {
      const catalogueArg = str(options, 'catalogue');
      if (catalogueArg !== undefined) {
        const file = path.resolve(io.cwd, catalogueArg);
        const check = await readCatalogueFile(file, index.id);
        if (!check.catalogue) {
          io.stderr(catalogueReport(file, check, lang));
          return 1;
        }
        catalogue = check.catalogue;
      }
      const mapArg = str(options, 'map');
      if (mapArg !== undefined) mapping = await readMappingFile(path.resolve(io.cwd, mapArg));
      opened = await openAgencyFile(input);
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      error(io, e.text);
      return 2;
    }
    const now = io.now();
    const { spec, result } = migrateWorkbook(opened.read.tables, { plan: QUANG_TRI_2023, index, catalogue, mapping, lang, generatedAt: now.toISOString(), generator: `PressDX ${io.version}` }, localDateSerial(now));
    const bytes = await renderToBuffer(spec, { created: now });
    try {
      await fs.writeFile(output, bytes);
    } catch (e) {
      error(io, MSG.writeFailed(output, e instanceof Error ? e.message : String(e)));
      return 1;
    }
    const from = String(metaValue(opened.read, 'indexVersion') ?? '');
    const to = `${index.id}${catalogue ? ` (${catalogue.criteria.length} tiêu chí)` : ''}`;
    info(io, {
      vi: `Đã chuyển ${from} → ${to}: ${result.placed} số liệu giữ nguyên chỗ, ${result.unmapped.length} số liệu liệt kê ở trang "Không ánh xạ được". Ghi: ${output}`,
      en: `Migrated ${from} → ${to}: ${result.placed} entries placed, ${result.unmapped.length} listed on the "Không ánh xạ được" sheet. Wrote: ${output}`,
    });
    return 0;
  },
};
