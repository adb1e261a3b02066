import { useEffect, useMemo, useRef, useState } from 'react';
import { useStatus } from '../status';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { missingColumnMessage, type Finding, type MissingColumn } from '../../domain/check';
import type { RunAction } from '../actions';
import { useTaskPanePort } from '../port';
import { FindingList } from '../components/FindingList';
import { FixConfirmDialog } from '../components/FixConfirmDialog';
import { SeverityCounts } from '../components/Severity';
import type { Lang, Translate } from '../i18n';
import { sameCellValue } from '../../domain/consolidate';
import {
  abbreviate,
  cellRef,
  countOf,
  countSeverities,
  fixLines,
  fixesFor,
  groupBySheet,
  restoredByColumn,
  type CellFix,
  type FindingItem,
  type RestoredCell,
  type SeverityCounts as Counts,
} from './check-model';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  restored: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface CheckViewProps {
  lang: Lang;
  t: Translate;
  run: RunAction;
  busy: boolean;
  canRun: boolean;
  /** Counts changes other views made to the workbook (a template created, a merge): findings from before are void. */
  workbookChanges?: number;
}

interface Report {
  /** Increments per check, so the finding list starts fresh (open groups, pages). */
  id: number;
  findings: Finding[];
  counts: Counts;
  /** False when the workbook is not a PressDX agency report. */
  recognised: boolean;
}

interface Notice {
  intent: 'success' | 'warning' | 'info';
  text: string;
  details?: string[];
}

/** Office.js (and the fake) report a missing sheet or range as ItemNotFound. */
const isItemNotFound = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ItemNotFound';

const sameFix = (a: CellFix, b: CellFix) =>
  a.sheet === b.sheet && a.address.toUpperCase() === b.address.toUpperCase() && sameCellValue(a.expectedValue, b.expectedValue) && sameCellValue(a.newValue, b.newValue);

/** At most this many cells are named per restored column; the rest are counted. */
const MAX_REFS = 8;

export function CheckView({ lang, t, run, busy, canRun, workbookChanges = 0 }: CheckViewProps) {
  const styles = useStyles();
  const { operations } = useTaskPanePort();
  const [report, setReport] = useState<Report | null>(null);
  const [phase, setPhase] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(false);
  const [pendingFixes, setPendingFixes] = useState<CellFix[] | null>(null);
  const [notice, setNotice] = useStatus<Notice>();
  const [fillNotice, setFillNotice] = useStatus<{ written: number; restored: RestoredCell[]; recognised: boolean; blockedBy: MissingColumn[] }>();
  const checks = useRef(0);
  /** Findings were dropped because the workbook changed: said until the next check, whatever runs in between. */
  const [findingsCleared, setFindingsCleared] = useState(false);

  // Findings must not outlive the workbook they describe.
  const seenChanges = useRef(workbookChanges);
  useEffect(() => {
    if (seenChanges.current === workbookChanges) return;
    seenChanges.current = workbookChanges;
    setReport((current) => {
      if (current) setFindingsCleared(true);
      return null;
    });
    setPendingFixes(null);
  }, [workbookChanges, t]);

  const groups = useMemo(() => (report ? groupBySheet(report.findings) : []), [report]);
  const allFixes = useMemo(() => (report ? fixesFor(report.findings) : []), [report]);
  const disabled = busy || !canRun;

  /** Runs one step with a spinner label; errors go to the shared runner's message bar. */
  const step = async <T,>(label: string, action: () => Promise<T>): Promise<T> => {
    setPhase(label);
    try {
      return await action();
    } finally {
      setPhase(null);
    }
  };

  /** The check itself (inside run): keeps the highlight in step with the new findings. */
  const check = async (withHighlight: boolean): Promise<Report> => {
    const result = await step(t('checking'), () => operations.runCheck(lang));
    const next: Report = {
      id: ++checks.current,
      findings: result.findings,
      counts: result.counts ?? countSeverities(result.findings),
      recognised: result.recognised !== false,
    };
    setReport(next);
    setFindingsCleared(false);
    if (withHighlight) await step(t('highlighting'), () => operations.highlightFindings(next.findings));
    return next;
  };

  const onCheck = () =>
    run(async () => {
      setNotice(null);
      setFillNotice(null);
      await check(highlight);
    });

  const onHighlightChange = (on: boolean) =>
    run(async () => {
      setHighlight(on);
      try {
        if (on) {
          const current = report ?? (await check(false));
          await step(t('highlighting'), () => operations.highlightFindings(current.findings));
          setNotice({ intent: 'info', text: t('highlightOn') });
        } else {
          await step(t('highlighting'), () => operations.clearHighlights());
          setNotice({ intent: 'info', text: t('highlightOff') });
        }
      } catch (e) {
        setHighlight(!on); // the switch shows what the workbook has
        throw e;
      }
    });

  const onSelect = (item: FindingItem) =>
    void run(async () => {
      try {
        await step(t('selectingCell'), () => operations.selectCell(item.finding.sheet, item.finding.address, lang));
      } catch (e) {
        // The sheet is gone since the check: say so plainly and show what the workbook holds now.
        if (!isItemNotFound(e)) throw e;
        await check(highlight);
        setNotice({ intent: 'warning', text: t('cellGone', { ref: cellRef(item.finding.sheet, item.finding.address) }) });
      }
    });

  const onConfirmFixes = () => {
    const fixes = pendingFixes;
    setPendingFixes(null);
    if (!fixes || fixes.length === 0) return;
    void run(async () => {
      setNotice(null);
      // Re-read first: a fix applies only while the workbook still shows the finding it answers.
      const fresh = await check(false);
      const current = fixesFor(fresh.findings);
      const still = fixes.filter((fix) => current.some((c) => sameFix(c, fix)));
      const staleText = still.length < fixes.length ? t('fixesStale', { count: fixes.length - still.length }) : '';
      if (staleText) {
        setNotice({ intent: 'warning', text: staleText });
        if (highlight) await step(t('highlighting'), () => operations.highlightFindings(fresh.findings));
        if (still.length === 0) return;
      }
      const result = await step(t('applyingFixes'), () => operations.applyFixes(still, lang));
      const skipped = countOf(result.skipped);
      // Each skipped cell says why (changed since the check, now a formula, sheet gone).
      const messages = result.skipped.map((s) => s.message).filter(Boolean);
      setNotice({
        intent: skipped > 0 || staleText ? 'warning' : 'success',
        text: [t('fixesApplied', { applied: countOf(result.applied) }), skipped > 0 ? t('fixesSkipped', { skipped }) : '', staleText].filter(Boolean).join(' '),
        details: messages,
      });
      await check(highlight);
    });
  };

  const onFill = () =>
    run(async () => {
      setNotice(null);
      setFillNotice(null);
      const result = await step(t('filling'), () => operations.runFill());
      setFillNotice({ written: result.written, restored: result.restored, recognised: result.recognised !== false, blockedBy: result.blockedBy });
      // Restored formulas clear "formula overwritten" findings: keep a shown report current.
      if (report) await check(highlight);
    });

  const lines = pendingFixes && report ? fixLines(pendingFixes, report.findings, lang) : null;
  const restoredColumns = fillNotice ? restoredByColumn(fillNotice.restored, lang) : [];

  return (
    <div className={styles.view} aria-busy={busy}>
      <Text>{t('checkIntro')}</Text>

      <div className={styles.actions} role="group" aria-label={t('checkActions')}>
        <Button appearance="primary" disabled={disabled} onClick={() => void onCheck()}>
          {t('checkButton')}
        </Button>
        <Button disabled={disabled} onClick={() => void onFill()} title={t('fillHint')}>
          {t('fillButton')}
        </Button>
        <Switch label={t('highlightSwitch')} checked={highlight} disabled={disabled} onChange={(_e, data) => void onHighlightChange(data.checked)} />
      </div>

      <div role="status" aria-live="polite" className={styles.section}>
        {phase && <Spinner size="small" labelPosition="after" label={phase} />}
        {findingsCleared && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t('findingsStale')}</MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>
              {notice.text}
              {notice.details && notice.details.length > 0 && (
                <ul className={styles.restored}>
                  {notice.details.map((d, i) => (
                    <li key={i}>{d}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {fillNotice && !fillNotice.recognised && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t('notAgencyWorkbook')}</MessageBarBody>
          </MessageBar>
        )}
        {fillNotice && fillNotice.recognised && fillNotice.blockedBy.length > 0 && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              {t('fillBlocked')}
              <ul className={styles.restored}>
                {fillNotice.blockedBy.map((m) => (
                  <li key={`${m.table}.${m.key}`}>
                    {m.sheet && m.address ? `${cellRef(m.sheet, m.address)}: ` : ''}
                    {missingColumnMessage(m)[lang]}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {fillNotice && fillNotice.recognised && fillNotice.blockedBy.length === 0 && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('fillDone', { count: fillNotice.written })}</MessageBarTitle>{' '}
              {fillNotice.restored.length === 0 ? (
                t('fillNoneRestored')
              ) : (
                <>
                  {t('fillRestored', { count: fillNotice.restored.length })}
                  <ul className={styles.restored}>
                    {restoredColumns.map((c) => {
                      const { shown, more } = abbreviate(c.refs, MAX_REFS);
                      return (
                        <li key={`${c.table}.${c.key}.${c.column}`}>
                          {c.column}: {shown}
                          {more > 0 ? ` ${t('andMore', { count: more })}` : ''}
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {report && (
          <Text weight="semibold">
            {t('checkSummary', { error: report.counts.error, warning: report.counts.warning, info: report.counts.info })}
          </Text>
        )}
      </div>

      {report && (
        <section className={styles.section} aria-label={t('findingsLabel')}>
          <SeverityCounts counts={report.counts} t={t} label={t('countsLabel')} />
          {!report.recognised && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t('notAgencyWorkbook')}</MessageBarBody>
            </MessageBar>
          )}
          {report.findings.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>{t('noFindings')}</MessageBarBody>
            </MessageBar>
          ) : (
            <>
              {allFixes.length > 0 && (
                <div className={styles.actions}>
                  <Button disabled={disabled} onClick={() => setPendingFixes(allFixes)}>
                    {t('applyAll', { count: allFixes.length })}
                  </Button>
                </div>
              )}
              <FindingList
                key={report.id}
                groups={groups}
                lang={lang}
                t={t}
                busy={disabled}
                onSelect={onSelect}
                onFix={(item) => item.fix && setPendingFixes([item.fix])}
              />
            </>
          )}
        </section>
      )}

      <FixConfirmDialog lines={lines} t={t} onConfirm={onConfirmFixes} onCancel={() => setPendingFixes(null)} />
    </div>
  );
}
