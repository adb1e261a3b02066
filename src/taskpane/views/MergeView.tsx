import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useStatus } from '../status';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { SourceRecord } from '../../domain/consolidate';
import { PressdxSheetsExistError, type MergeInputFile, type MergeOptions, type MergeResult } from '../../office/operations';
import { useReplaceGuard } from '../replace-guard';
import { useTaskPanePort } from '../port';
import { ProgressField, type Progress } from '../components/ProgressField';
import { ReplaceSheetsDialog } from '../components/ReplaceSheetsDialog';
import type { RunAction } from '../actions';
import { DescriptionList } from '../components/DescriptionList';
import { UserError } from '../actions';
import type { Lang, Translate } from '../i18n';
import { YEAR_MAX, YEAR_MIN } from './CreateTemplateView';
import {
  addPicked,
  formatBytes,
  matchSources,
  notXlsxNames,
  overallProgress,
  parseOptionalYear,
  removePicked,
  sourceView,
  stateIntent,
  statusIntent,
  targetView,
  type PickedFile,
} from './merge-model';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  hiddenInput: { display: 'none' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  cardHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, minWidth: 0 },
  noShrink: { flexShrink: 0 },
  fullWidth: { width: '100%', minWidth: 0, boxSizing: 'border-box' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sourceRow: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
});

export interface MergeViewProps {
  lang: Lang;
  t: Translate;
  run: RunAction;
  busy: boolean;
  canRun: boolean;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function MergeView({ lang, t, run, busy, canRun }: MergeViewProps) {
  const styles = useStyles();
  const { operations, subscribeOfferedFiles } = useTaskPanePort();
  const [files, setFiles] = useState<PickedFile<File>[]>([]);
  const [nextId, setNextId] = useState(1);
  const [previous, setPrevious] = useState<File | null>(null);
  const [yearText, setYearText] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<MergeResult | null>(null);
  /** Files whose bytes the browser could not read (by picked id), with the reason. */
  const [readFailures, setReadFailures] = useState<Map<string, string>>(new Map());
  const [notice, setNotice] = useStatus<string>();
  const [previousFailure, setPreviousFailure] = useState<string | null>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const previousInput = useRef<HTMLInputElement>(null);

  const year = parseOptionalYear(yearText, YEAR_MIN, YEAR_MAX);
  const disabled = busy || !canRun;
  const matched = result ? matchSources(files, result.consolidation.sources) : null;

  /** A new file list makes the shown result stale: it described other files. */
  const resetResult = () => {
    setResult(null);
    setReadFailures(new Map());
    setPreviousFailure(null);
  };

  const addFiles = (picked: File[]) => {
    if (picked.length === 0) return;
    const added = addPicked(files, picked, nextId);
    setFiles(added.list);
    setNextId(added.nextId);
    const warnings = [
      added.duplicates.length > 0 ? t('duplicatesSkipped', { names: added.duplicates.join(', ') }) : '',
      notXlsxNames(picked).length > 0 ? t('notXlsxWarning', { names: notXlsxNames(picked).join(', ') }) : '',
    ].filter(Boolean);
    setNotice(warnings.length > 0 ? warnings.join(' ') : null);
    resetResult();
  };

  const onFilesPicked = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(e.target.files ?? []);
    e.target.value = ''; // picking the same file again still fires change
    addFiles(picked);
  };

  // Files the host offers (the workbench's samples) join the list as picked ones do; the ref lets
  // the one subscription reach this render's list.
  const addFilesNow = useRef(addFiles);
  useEffect(() => {
    addFilesNow.current = addFiles;
  });
  useEffect(() => subscribeOfferedFiles?.((offered) => addFilesNow.current(offered)), [subscribeOfferedFiles]);

  const onPreviousPicked = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0] ?? null;
    e.target.value = '';
    if (file) {
      setPrevious(file);
      resetResult();
    }
  };

  /** Reads the picked files' bytes one by one; a file the browser cannot read is reported and left out. */
  const readInputs = async (): Promise<{ inputs: MergeInputFile[]; previousBytes?: Uint8Array }> => {
    const failures = new Map<string, string>();
    const inputs: MergeInputFile[] = [];
    let previousBytes: Uint8Array | undefined;
    try {
      for (const [i, p] of files.entries()) {
        setProgress({ fraction: overallProgress('read', i / files.length), message: t('readingFile', { index: i + 1, count: files.length, name: p.file.name }) });
        try {
          // One at a time: honest progress, and a failure names its file.
          inputs.push({ name: p.file.name, bytes: new Uint8Array(await p.file.arrayBuffer()), lastModified: p.file.lastModified });
        } catch (e) {
          failures.set(p.id, t('readFailed', { message: errorText(e) }));
        }
      }
      if (previous) {
        try {
          previousBytes = new Uint8Array(await previous.arrayBuffer());
        } catch (e) {
          // Only the change column needs it: the merge goes on without it, and says so.
          setPreviousFailure(t('previousFailed', { message: t('readFailed', { message: errorText(e) }) }));
        }
      }
    } finally {
      setProgress(null);
      setReadFailures(failures);
    }
    if (inputs.length === 0) throw new UserError(t('noReadableFiles'));
    return { inputs, previousBytes };
  };

  /** Reads, merges and draws the province workbook. Call inside run(). */
  const readAndMerge = async (replaceExisting: boolean) => {
    if (year === null) throw new UserError(t('yearInvalid', { min: YEAR_MIN, max: YEAR_MAX }));
    resetResult();
    const { inputs, previousBytes } = await readInputs();
    const opts: MergeOptions = { year, previous: previousBytes, previousName: previous?.name, lang, replaceExisting };
    setProgress({ fraction: overallProgress('merge', 0), message: t('merging') });
    try {
      setResult(await operations.mergeFiles(inputs, opts, (fraction, message) => setProgress({ fraction: overallProgress('merge', fraction), message })));
    } catch (e) {
      // PressDX sheets appeared since the look before reading: ask, as below.
      if (e instanceof PressdxSheetsExistError && !replaceExisting) guard.ask(e.sheets);
      else throw e;
    } finally {
      setProgress(null);
    }
  };

  const guard = useReplaceGuard(run, (checking) => setProgress(checking ? { fraction: 0, message: t('checkingSheets') } : null), readAndMerge);

  /** "Tổng hợp": asks before replacing PressDX sheets already in the open workbook. */
  const onMerge = () =>
    guard.start(() => {
      if (year === null) throw new UserError(t('yearInvalid', { min: YEAR_MIN, max: YEAR_MAX }));
    });

  const previousNote = result?.previous;

  const fileCard = (p: PickedFile<File>) => {
    const failure = readFailures.get(p.id);
    const source: SourceRecord | undefined = matched?.get(p.id);
    const view = source ? sourceView(source, lang) : null;
    return (
      <li key={p.id} className={styles.card}>
        <div className={styles.cardHead}>
          <Text className={styles.name}>{p.file.name}</Text>
          <Button className={styles.noShrink} size="small" appearance="subtle" aria-label={t('removeFileLabel', { name: p.file.name })} disabled={busy} onClick={() => { setFiles(removePicked(files, p.id)); resetResult(); }}>
            {t('removeFile')}
          </Button>
        </div>
        <Caption1>{formatBytes(p.file.size, lang)}</Caption1>
        {failure && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{failure}</MessageBarBody>
          </MessageBar>
        )}
        {view && (
          <DescriptionList
            rows={[
              ...(
                [
                  [t('fileUnit'), view.unit],
                  [t('fileYear'), view.year],
                  [t('fileTemplate'), view.template],
                  [t('fileIndex'), view.indexVersion],
                  [t('fileSubmitted'), view.submittedOn],
                ] as Array<[string, string]>
              ).filter(([, value]) => value !== ''),
              ...(view.read ? [[t('fileFindings'), t('findingsShort', { errors: view.errors, warnings: view.warnings, infos: view.infos })] as [string, string]] : []),
              [
                t('fileState'),
                <Badge key="state" appearance="tint" color={stateIntent(view.state)}>
                  {view.stateText}
                </Badge>,
              ],
              ...(view.reason ? [[t('fileReason'), view.reason] as [string, string]] : []),
            ]}
          />
        )}
        {result && !failure && !view && <Caption1>{t('notInResult')}</Caption1>}
      </li>
    );
  };

  return (
    <div className={styles.view} aria-busy={busy}>
      <Text>{t('mergeIntro')}</Text>

      <section className={styles.section} aria-labelledby="merge-files-label">
        <Text id="merge-files-label" weight="semibold">
          {t('filesLabel')}
          {files.length > 0 ? ` · ${t('fileCount', { count: files.length })}` : ''}
        </Text>
        <input ref={filesInput} className={styles.hiddenInput} type="file" multiple accept={XLSX_ACCEPT} tabIndex={-1} aria-hidden="true" onChange={onFilesPicked} />
        <div className={styles.row}>
          <Button disabled={busy} onClick={() => filesInput.current?.click()}>
            {files.length === 0 ? t('pickFiles') : t('addFiles')}
          </Button>
          {files.length > 0 && (
            <Button appearance="subtle" disabled={busy} onClick={() => { setFiles([]); resetResult(); setNotice(null); }}>
              {t('clearFiles')}
            </Button>
          )}
        </div>
        {notice && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {files.length === 0 ? <Caption1>{t('noFiles')}</Caption1> : <ul className={styles.list}>{files.map(fileCard)}</ul>}
      </section>

      <Field label={t('previousLabel')} hint={t('previousHint')}>
        <div className={styles.row}>
          <input ref={previousInput} className={styles.hiddenInput} type="file" accept={XLSX_ACCEPT} tabIndex={-1} aria-hidden="true" onChange={onPreviousPicked} />
          {previous ? (
            <>
              <Text>
                {previous.name} ({formatBytes(previous.size, lang)})
              </Text>
              <Button size="small" appearance="subtle" disabled={busy} onClick={() => { setPrevious(null); resetResult(); }}>
                {t('removePrevious')}
              </Button>
            </>
          ) : (
            <Button disabled={busy} onClick={() => previousInput.current?.click()}>
              {t('pickPrevious')}
            </Button>
          )}
        </div>
      </Field>

      <Field
        label={t('mergeYearLabel')}
        hint={t('mergeYearHint')}
        validationState={year === null ? 'error' : 'none'}
        validationMessage={year === null ? t('yearInvalid', { min: YEAR_MIN, max: YEAR_MAX }) : undefined}
      >
        <Input className={styles.fullWidth} inputMode="numeric" value={yearText} onChange={(_e, data) => setYearText(data.value)} disabled={busy} />
      </Field>

      <div className={styles.row}>
        <Button appearance="primary" disabled={disabled || files.length === 0 || year === null} onClick={() => void onMerge()}>
          {t('mergeButton')}
        </Button>
      </div>

      <ProgressField progress={progress} label={t('progressLabel')} />

      <div role="status" aria-live="polite" className={styles.section}>
        {result && (
          <MessageBar intent={result.included > 0 ? 'success' : 'warning'} layout="multiline">
            <MessageBarBody>
              {t('merged', { included: result.included, superseded: result.superseded, excluded: result.excluded })}
              {result.mismatches > 0 ? ` ${t('mismatchesNote', { count: result.mismatches })}` : ''}
            </MessageBarBody>
          </MessageBar>
        )}
        {previousFailure && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{previousFailure}</MessageBarBody>
          </MessageBar>
        )}
        {previousNote && 'error' in previousNote && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t('previousFailed', { message: previousNote.error })}</MessageBarBody>
          </MessageBar>
        )}
        {previousNote && 'year' in previousNote && <Caption1>{t('previousUsed', { year: previousNote.year })}</Caption1>}
      </div>

      {result && (
        <section className={styles.section} aria-labelledby="merge-targets-title">
          <Text as="h2" id="merge-targets-title" weight="semibold" size={400}>
            {t('summaryTitle', { year: result.year })}
          </Text>
          {result.consolidation.targets.length === 0 ? (
            <Caption1>{t('noTargets')}</Caption1>
          ) : (
            <ul className={styles.list}>
              {result.consolidation.targets.map((target) => {
                const v = targetView(target, lang);
                return (
                  <li key={v.code} className={styles.card}>
                    <div className={styles.cardHead}>
                      <Text className={styles.name}>{v.code}</Text>
                      <Badge className={styles.noShrink} appearance="filled" color={statusIntent(v.status)}>
                        {v.statusText}
                      </Badge>
                    </div>
                    <Caption1>{v.text}</Caption1>
                    <DescriptionList
                      rows={[
                        [t('targetValue'), v.value || '—'],
                        [t('targetThreshold'), v.threshold],
                        [t('targetReported'), v.reported],
                      ]}
                    />
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}

      {result && (
        <section className={styles.section} aria-labelledby="merge-sources-title">
          <Text as="h2" id="merge-sources-title" weight="semibold" size={400}>
            {t('sourcesTitle')}
          </Text>
          {/* A list rather than a three-column table: it stays readable in a 320 px pane. */}
          <ol className={styles.list}>
            {result.consolidation.sources.map((s, i) => {
              const v = sourceView(s, lang);
              return (
                <li key={`${i}|${s.fileName}|${s.sha256}`} className={styles.sourceRow}>
                  <div className={styles.cardHead}>
                    <Text className={styles.name}>{v.fileName}</Text>
                    <Badge className={styles.noShrink} appearance="tint" color={stateIntent(v.state)}>
                      {v.stateText}
                    </Badge>
                  </div>
                  {v.unit && <Caption1>{v.unit}</Caption1>}
                  {v.reason && <Caption1>{v.reason}</Caption1>}
                </li>
              );
            })}
          </ol>
        </section>
      )}

      <ReplaceSheetsDialog guard={guard} t={t} />
    </div>
  );
}
