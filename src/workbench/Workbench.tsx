import { localDateSerial } from '../domain/values';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, FluentProvider, Link, Spinner, Text, ToggleButton, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { App } from '../taskpane/App';
import type { Lang } from '../workbook/labels';
import { formatBytes } from '../taskpane/views/merge-model';
import { Grid } from './Grid';
import { WORKBENCH_TEXT } from './labels';
import { FileOffers, workbenchOperations, workbenchPort } from './port';
import { useWorkbookVersion, type WorkbenchStore } from './store';
import type { SampleFile } from './samples';

/**
 * The workbench page: the real task pane (src/taskpane/App) on the left, running against the
 * in-memory workbook through the port it is given, and a view of that workbook on the right.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOWNLOAD_NAME = 'pressdx-workbench.xlsx';

interface Download {
  name: string;
  url: string;
}

function saveBytes(bytes: Uint8Array, name: string): Download {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return { name, url };
}

const asFile = (f: SampleFile) => new File([f.bytes as BlobPart], f.name, { type: XLSX_MIME });

export interface WorkbenchProps {
  store: WorkbenchStore;
  initialDark: boolean;
}

export function Workbench({ store, initialDark }: WorkbenchProps) {
  useWorkbookVersion(store);
  const [dark, setDark] = useState(initialDark);
  // The toolbar and grid speak the pane's language; the pane tells which on start and on every switch.
  const [lang, setLang] = useState<Lang>('vi');
  const t = WORKBENCH_TEXT[lang];
  const operations = useMemo(() => workbenchOperations(store), [store]);
  const [offers] = useState(() => new FileOffers());
  // Excel's theme is part of the host the pane is given: toggling it repaints the pane, keeping its results and form.
  const port = useMemo(() => workbenchPort({ store, operations, offers, dark }), [store, operations, offers, dark]);
  // The toolbar's message lasts until the pane next talks to the workbook (its sync count moves on).
  const [toolbarStatus, setToolbarStatus] = useState<{ text: string; syncs: number }>({ text: '', syncs: 0 });
  const setStatus = (text: string) => setToolbarStatus({ text, syncs: store.fake.syncCount });
  const status = toolbarStatus.syncs === store.fake.syncCount ? toolbarStatus.text : '';
  const [working, setWorking] = useState<'samples' | 'download' | null>(null);
  const [samples, setSamples] = useState<Download[]>([]);
  const urls = useRef<string[]>([]);

  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const onSamples = async () => {
    setWorking('samples');
    setStatus(t.makingSamples);
    try {
      const { makeSampleFiles } = await import('./samples');
      const files = await makeSampleFiles(localDateSerial(new Date()));
      urls.current.forEach((u) => URL.revokeObjectURL(u));
      const links = files.map((f) => ({ name: f.name, url: URL.createObjectURL(new Blob([f.bytes as BlobPart], { type: XLSX_MIME })) }));
      urls.current = links.map((l) => l.url);
      setSamples(links);
      const names = files.map((f) => f.name).join(', ');
      setStatus(offers.offer(files.map(asFile)) ? t.samplesOffered(files.length, names) : t.samplesNotOffered(files.length, names));
    } catch (e) {
      console.error(e);
      setStatus(t.samplesFailed(e instanceof Error ? e.message : String(e)));
    } finally {
      setWorking(null);
    }
  };

  const onDownload = async () => {
    setWorking('download');
    setStatus(t.writingXlsx);
    try {
      const { modelToXlsx } = await import('./export-xlsx');
      const bytes = await modelToXlsx(store.model, store.computed());
      const d = saveBytes(bytes, DOWNLOAD_NAME);
      setTimeout(() => URL.revokeObjectURL(d.url), 60_000);
      setStatus(t.downloaded(DOWNLOAD_NAME, formatBytes(bytes.length, lang)));
    } catch (e) {
      console.error(e);
      setStatus(t.downloadFailed(e instanceof Error ? e.message : String(e)));
    } finally {
      setWorking(null);
    }
  };

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className="wb-provider">
      <div className="wb-root">
        <div className="wb-toolbar">
          <div className="wb-titles">
            <Text as="h1" weight="semibold" size={400} className="wb-title">
              {t.title}
            </Text>
            <Text size={200}>{t.subtitle}</Text>
          </div>
          <div className="wb-actions">
            <Button onClick={() => void onSamples()} disabled={working !== null} icon={working === 'samples' ? <Spinner size="tiny" /> : undefined}>
              {t.samples}
            </Button>
            <Button
              onClick={() => {
                store.newWorkbook();
                setStatus('');
              }}
              disabled={working !== null}
            >
              {t.newWorkbook}
            </Button>
            <Button onClick={() => void onDownload()} disabled={working !== null} icon={working === 'download' ? <Spinner size="tiny" /> : undefined}>
              {t.download}
            </Button>
            <ToggleButton checked={dark} onClick={() => setDark(!dark)}>
              {t.darkTheme}
            </ToggleButton>
            <Text size={200} className="wb-syncs" data-testid="sync-count">
              {t.syncs(store.fake.syncCount)}
            </Text>
          </div>
          <div className="wb-status" role="status" aria-live="polite">
            {status}
            {samples.length > 0 && (
              <span className="wb-sample-links">
                {' '}
                {samples.map((s) => (
                  <Link key={s.url} href={s.url} download={s.name} inline>
                    {s.name}
                  </Link>
                ))}
              </span>
            )}
          </div>
        </div>
        <div className="wb-body">
          <div id="wb-pane" className="wb-pane" data-testid="task-pane">
            <App port={port} onLangChange={setLang} />
          </div>
          <section className="wb-sheet" aria-label={t.workbookRegion}>
            <Grid store={store} lang={lang} />
          </section>
        </div>
      </div>
    </FluentProvider>
  );
}
