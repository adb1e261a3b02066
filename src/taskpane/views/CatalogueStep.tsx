import { useId, useState } from 'react';
import { useStatus } from '../status';
import { Button, Checkbox, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CatalogueCheck } from '../../domain/catalogue';
import { indexVersionById } from '../../indexes/index-versions';
import { fixFromFinding } from '../../office/operations';
import { parseNumberVn } from '../../domain/parse-vn';
import { FindingList } from '../components/FindingList';
import { UserError, type RunAction } from '../actions';
import { useTaskPanePort } from '../port';
import type { Lang, Translate } from '../i18n';
import { countSeverities, groupBySheet, type FindingItem } from './check-model';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  fullWidth: { width: '100%', minWidth: 0, boxSizing: 'border-box' },
  thresholds: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface CatalogueStepProps {
  lang: Lang;
  t: Translate;
  run: RunAction;
  busy: boolean;
  canRun: boolean;
  indexVersionId: string;
  /** The last check of the workbook's catalogue, for `indexVersionId`; null before any. */
  check: CatalogueCheck | null;
  onCheck: (check: CatalogueCheck | null) => void;
  useCatalogue: boolean;
  onUseCatalogue: (use: boolean) => void;
  onProgress: (message: string | null) => void;
}

const nowText = (d: Date) =>
  `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/**
 * "Bộ tiêu chí" inside Tạo biểu mẫu: create the empty sheet, check what the official pasted,
 * edit a level threshold (recorded in the sheet's history), and choose to use the catalogue.
 */
export function CatalogueStep({ lang, t, run, busy, canRun, indexVersionId, check, onCheck, useCatalogue, onUseCatalogue, onProgress }: CatalogueStepProps) {
  const styles = useStyles();
  const { operations } = useTaskPanePort();
  const headingId = useId();
  const [notice, setNotice] = useStatus<string>();
  const version = indexVersionById(indexVersionId);
  const levels = check?.catalogue?.levels ?? version?.levels ?? [];
  const [level, setLevel] = useState<number>(levels[levels.length - 1]?.level ?? 1);
  const [minText, setMinText] = useState<string>('');
  const [verified, setVerified] = useState<boolean>(false);
  const [who, setWho] = useState<string>('');
  const catalogue = check?.catalogue;
  const counts = check ? countSeverities(check.findings) : null;

  const step = async <T,>(message: string, action: () => Promise<T>): Promise<T> => {
    onProgress(message);
    try {
      return await action();
    } finally {
      onProgress(null);
    }
  };

  const doCheck = async () => {
    const result = await step(t('catalogueChecking'), () => operations.checkCatalogueInExcel(indexVersionId));
    onCheck(result);
    if (!result.catalogue) onUseCatalogue(false);
    const current = (result.catalogue?.levels ?? version?.levels ?? []).find((l) => l.level === level);
    if (current) {
      setMinText(String(current.minScore).replace('.', lang === 'vi' ? ',' : '.'));
      setVerified(current.provenance.verified);
    }
  };

  const onCreate = () =>
    void run(async () => {
      setNotice(null);
      const r = await step(t('catalogueCreating'), () => operations.createCatalogueSheetInExcel({ indexVersionId, lang, replaceExisting: false }));
      setNotice(t('catalogueCreated', { sheet: r.sheetsCreated.join(', ') }));
      onCheck(null);
    });

  const onSave = () =>
    void run(async () => {
      setNotice(null);
      if (who.trim() === '') throw new UserError(t('thresholdWhoMissing'));
      const parsed = parseNumberVn(minText);
      if (!parsed || parsed.percent || parsed.value < 0 || parsed.value > 100) throw new UserError(t('thresholdMinInvalid'));
      const r = await step(t('thresholdSaving'), () => operations.editThresholdInExcel({ level, minScore: parsed.value, verified, who: who.trim(), at: nowText(new Date()) }, lang));
      setNotice(r.recorded.length > 0 ? t('thresholdSaved', { count: r.recorded.length }) : t('thresholdUnchanged'));
      await doCheck();
    });

  const onSelect = (item: FindingItem) => void run(() => operations.selectCell(item.finding.sheet, item.finding.address, lang));
  /** A suggested fix (a number typed as text, stray spaces), written only if the cell is unchanged; then checked again. */
  const onFix = (item: FindingItem) =>
    void run(async () => {
      const fix = fixFromFinding(item.finding);
      if (!fix) return;
      await operations.applyFixes([fix], lang);
      await doCheck();
    });

  const pickLevel = (value: number) => {
    setLevel(value);
    const l = levels.find((x) => x.level === value);
    if (l) {
      setMinText(String(l.minScore).replace('.', lang === 'vi' ? ',' : '.'));
      setVerified(l.provenance.verified);
    }
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <Text as="h2" weight="semibold" size={400} id={headingId}>
        {t('catalogueTitle')}
      </Text>
      <Text>{t('catalogueIntro')}</Text>
      <div className={styles.row}>
        <Button onClick={onCreate} disabled={busy || !canRun}>
          {t('catalogueCreate')}
        </Button>
        <Button
          onClick={() =>
            void run(async () => {
              setNotice(null);
              await doCheck();
            })
          }
          disabled={busy || !canRun}
        >
          {t('catalogueCheck')}
        </Button>
      </div>

      <div role="status" aria-live="polite">
        {notice && (
          <MessageBar intent="info">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {check && counts && (
          <MessageBar intent={catalogue ? 'success' : 'error'}>
            <MessageBarBody>
              {catalogue
                ? t('catalogueUsable', { criteria: catalogue.criteria.length, components: new Set(catalogue.criteria.map((c) => c.component)).size, version: catalogue.indexVersion })
                : t('catalogueNotUsable', { errors: counts.error })}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

      {check && check.findings.length > 0 && <FindingList groups={groupBySheet(check.findings)} lang={lang} t={t} busy={busy} onSelect={onSelect} onFix={onFix} />}

      <Switch checked={useCatalogue} disabled={busy || !catalogue} onChange={(_e, d) => onUseCatalogue(d.checked)} label={t('catalogueUse')} />

      {check && (
        <fieldset className={styles.thresholds}>
          <legend>{t('thresholdTitle')}</legend>
          <Field label={t('thresholdLevel')}>
            <Dropdown
              className={styles.fullWidth}
              value={levels.find((l) => l.level === level)?.name ?? ''}
              selectedOptions={[String(level)]}
              onOptionSelect={(_e, d) => pickLevel(Number(d.optionValue))}
              disabled={busy}
            >
              {levels.map((l) => (
                <Option key={l.level} value={String(l.level)} text={l.name}>
                  {`${l.level}. ${l.name}`}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t('thresholdMin')}>
            <Input className={styles.fullWidth} inputMode="decimal" value={minText} onChange={(_e, d) => setMinText(d.value)} disabled={busy} />
          </Field>
          <Checkbox checked={verified} onChange={(_e, d) => setVerified(d.checked === true)} label={t('thresholdVerified')} disabled={busy} />
          <Field label={t('thresholdWho')}>
            <Input className={styles.fullWidth} value={who} onChange={(_e, d) => setWho(d.value)} disabled={busy} />
          </Field>
          <div className={styles.row}>
            <Button onClick={onSave} disabled={busy || !canRun}>
              {t('thresholdSave')}
            </Button>
          </div>
        </fieldset>
      )}
    </section>
  );
}
