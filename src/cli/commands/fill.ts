import { promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { missingColumnMessage } from '../../domain/check';
import { localDateSerial } from '../../domain/values';
import { OFFICIAL_DATA } from '../../plans/official-data';
import type { CalcWrite } from '../../workbook/fill';
import { fillFileContent } from '../../xlsx/fill';
import { UsageError } from '../args';
import { error, hint, type CliIO, type Command } from '../command';
import { MSG, say } from '../messages';
import { openAgencyFile, parseLang, str, TargetRefused, UnreadableFile, writeFileAtomic, type OpenedAgencyFile } from './shared';

/**
 * `pressdx fill FILE.xlsx --out OUT.xlsx`: Tính toán over a file. Every calculated cell whose
 * formula or cached result is not what the engine computes gets both back; input cells are left
 * exactly as typed. Only those cells' XML changes: every other part of the file (charts, images,
 * comments, filters, validation a user added) is copied byte for byte.
 */

export const restoredLine = (w: CalcWrite) => `${w.sheet}!${w.address}  ${w.table ? `${w.table}.${w.key}` : w.key}`;

export const fillCommand: Command = {
  help: {
    name: 'fill',
    summary: { vi: 'Tính toán: khôi phục công thức và kết quả các ô tự tính', en: 'Fill: restore the formulas and results of calculated cells' },
    usage: 'pressdx fill TỆP.xlsx (--out TỆP_MỚI.xlsx | --in-place) [--force] [--lang vi|en]',
    options: [
      { flag: '--out FILE.xlsx', text: { vi: 'Tệp sẽ ghi; tệp gốc giữ nguyên.', en: 'File to write; the input stays as it is.' } },
      { flag: '--in-place', text: { vi: 'Ghi đè chính tệp gốc.', en: 'Overwrite the input file itself.' } },
      { flag: '--force', text: { vi: 'Ghi đè tệp --out nếu đã có.', en: 'Overwrite an existing --out file.' } },
      { flag: '--lang vi|en', text: { vi: 'Ngôn ngữ của thông báo; mặc định vi.', en: 'Language of the messages; default vi.' } },
    ],
    notes: [{ vi: 'Mã thoát: 0 đã ghi, 1 không ghi được tệp, 2 tệp không đọc được, thiếu cột cần tính (không ghi gì) hoặc sai đối số (kể cả thiếu --out/--in-place).', en: 'Exit codes: 0 written, 1 write failed, 2 unreadable file, a column the formulas need is missing (nothing written), or bad arguments (including neither --out nor --in-place).' }],
  },
  options: { out: { value: true }, 'in-place': { value: false }, force: { value: false }, lang: { value: true } },
  async run({ options, positionals }, io: CliIO) {
    if (positionals.length !== 1) throw new UsageError(MSG.oneFile('fill'));
    const lang = parseLang(options.lang);
    const input = path.resolve(io.cwd, positionals[0]);
    const outArg = str(options, 'out');
    const inPlace = options['in-place'] === true;
    if (outArg !== undefined && inPlace) throw new UsageError(MSG.fillOutAndInPlace());
    if (outArg !== undefined && !/\.xlsx$/i.test(outArg)) throw new UsageError(MSG.outNotXlsx(outArg));
    const out = inPlace ? input : outArg === undefined ? undefined : path.resolve(io.cwd, outArg);
    if (out === undefined || (!inPlace && out === input)) throw new UsageError(MSG.fillNeedsOut(input));
    if (!inPlace) {
      const dir = await fs.stat(path.dirname(out)).catch(() => undefined);
      if (!dir?.isDirectory()) throw new UsageError(MSG.outDirMissing(path.dirname(out)));
      if (options.force !== true && (await fs.stat(out).catch(() => undefined))) throw new UsageError(MSG.outExists(out));
    }

    const started = performance.now();
    const messageIO = { ...io, lang: options.lang === undefined ? io.lang : lang };
    let opened: OpenedAgencyFile;
    try {
      opened = await openAgencyFile(input);
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      error(messageIO, e.text);
      return 2;
    }
    const { bytes: written, plan: outcome } = fillFileContent(opened.bytes, opened.content, OFFICIAL_DATA, localDateSerial(io.now()));
    if (outcome.blockedBy.length > 0) {
      error(messageIO, MSG.fillBlocked(input));
      for (const m of outcome.blockedBy) {
        const msg = missingColumnMessage(m);
        const where = m.sheet && m.address ? `${m.sheet}!${m.address}  ` : '';
        hint(messageIO, { vi: `  ${where}${msg.vi}`, en: `  ${where}${msg.en}` });
      }
      return 2;
    }
    try {
      await writeFileAtomic(out, written);
    } catch (e) {
      if (e instanceof TargetRefused) {
        error(messageIO, e.text);
        return 2;
      }
      error(messageIO, MSG.writeFailed(out, e instanceof Error ? e.message : String(e)));
      return 1;
    }
    const ms = Math.round(performance.now() - started);
    const lines = outcome.restored.length > 0 ? [say(MSG.fillRestoredHeader(outcome.restored.length), lang), ...outcome.restored.map((w) => `  ${restoredLine(w)}`)] : [say(MSG.fillNothingRestored(), lang)];
    lines.push(say(MSG.fillDone(out, outcome.rewritten.length, outcome.writes.length, ms), lang));
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
