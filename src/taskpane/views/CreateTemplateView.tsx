import { useMemo, useState } from 'react';
import { useStatus } from '../status';
import {
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  OptionGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { QUANG_TRI_2023 } from '../../plans/quang-tri-2023';
import { INDEX_VERSIONS, indexVersionForYear } from '../../indexes/index-versions';
import { useReplaceGuard, visibleSheetNames } from '../replace-guard';
import { useTaskPanePort } from '../port';
import { ProgressField, type Progress } from '../components/ProgressField';
import { ReplaceSheetsDialog } from '../components/ReplaceSheetsDialog';
import { UserError, type RunAction } from '../actions';
import type { Lang, Translate } from '../i18n';
import type { CatalogueCheck } from '../../domain/catalogue';
import { CatalogueStep } from './CatalogueStep';

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
const NO_UNIT = '';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fullWidth: { width: '100%', minWidth: 0, boxSizing: 'border-box' },
  indexHint: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  actions: { display: 'flex', justifyContent: 'flex-start' },
});

export interface CreateTemplateViewProps {
  lang: Lang;
  t: Translate;
  run: RunAction;
  busy: boolean;
  /** False outside Excel or on an Excel without the required API: the form shows but cannot run. */
  canRun: boolean;
}

function parseYear(text: string): number | null {
  if (!/^\s*\d{4}\s*$/.test(text)) return null;
  const year = Number(text);
  return year >= YEAR_MIN && year <= YEAR_MAX ? year : null;
}

export function CreateTemplateView({ lang, t, run, busy, canRun }: CreateTemplateViewProps) {
  const styles = useStyles();
  const { operations } = useTaskPanePort();
  const units = QUANG_TRI_2023.units;
  const [unitId, setUnitId] = useState<string>(NO_UNIT);
  const [yearText, setYearText] = useState<string>(String(new Date().getFullYear()));
  /** The index version the user picked, or null to follow the reporting year. */
  const [chosenIndexId, setChosenIndexId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useStatus<string>();
  const [catalogueCheck, setCatalogueCheck] = useState<CatalogueCheck | null>(null);
  const [useCatalogue, setUseCatalogue] = useState(false);

  const year = parseYear(yearText);
  const defaultIndex = useMemo(() => indexVersionForYear(year ?? new Date().getFullYear()), [year]);
  const indexId = chosenIndexId ?? defaultIndex.id;
  const indexOverridden = indexId !== defaultIndex.id;
  // A catalogue belongs to one version: another version needs its own check.
  const catalogue = catalogueCheck?.catalogue?.indexVersion === indexId ? catalogueCheck.catalogue : undefined;
  const indexDecision = (id: string) => INDEX_VERSIONS.find((v) => v.id === id)?.decision ?? id;
  const unitName = unitId === NO_UNIT ? t('unitNone') : (units.find((u) => u.id === unitId)?.name ?? unitId);
  const unitGroups = [
    { label: t('unitGroupPress'), units: units.filter((u) => u.group === 'press') },
    { label: t('unitGroupManagement'), units: units.filter((u) => u.group !== 'press') },
  ].filter((g) => g.units.length > 0);

  const checkedYear = (): number => {
    if (year === null) throw new UserError(t('yearInvalid', { min: YEAR_MIN, max: YEAR_MAX }));
    return year;
  };

  /** Writes the template; progress is shown while it runs. Call inside run(). */
  const createTemplate = async (replaceExisting: boolean): Promise<void> => {
    const reportingYear = checkedYear();
    setResult(null);
    setProgress({ fraction: 0, message: t('creating') });
    try {
      const { sheetsCreated } = await operations.createTemplateInExcel(
        { unitId: unitId === NO_UNIT ? undefined : unitId, year: reportingYear, indexVersionId: indexId, lang, replaceExisting, catalogue: useCatalogue ? catalogue : undefined },
        (fraction, message) => setProgress({ fraction, message }),
      );
      const shown = visibleSheetNames(sheetsCreated);
      setResult(t('created', { count: shown.length, sheets: shown.join(', ') }));
    } finally {
      setProgress(null);
    }
  };

  const guard = useReplaceGuard(run, (checking) => setProgress(checking ? { fraction: 0, message: t('checkingSheets') } : null), createTemplate);

  /** "Tạo biểu mẫu": asks before replacing existing PressDX sheets. */
  const onCreate = () =>
    guard.start(() => {
      checkedYear();
      setResult(null);
    });

  return (
    <form
      className={styles.form}
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void onCreate();
      }}
    >
      <Text>{t('createIntro')}</Text>

      <Field label={t('unitLabel')}>
        <Dropdown
          className={styles.fullWidth}
          listbox={{ className: styles.fullWidth }}
          value={unitName}
          selectedOptions={[unitId]}
          onOptionSelect={(_e, data) => setUnitId(data.optionValue ?? NO_UNIT)}
          disabled={busy}
        >
          <Option value={NO_UNIT}>{t('unitNone')}</Option>
          {unitGroups.map((g) => (
            <OptionGroup key={g.label} label={g.label}>
              {g.units.map((u) => (
                <Option key={u.id} value={u.id}>
                  {u.name}
                </Option>
              ))}
            </OptionGroup>
          ))}
        </Dropdown>
      </Field>

      <Field
        label={t('yearLabel')}
        validationState={year === null ? 'error' : 'none'}
        validationMessage={year === null ? t('yearInvalid', { min: YEAR_MIN, max: YEAR_MAX }) : undefined}
      >
        <Input
          className={styles.fullWidth}
          type="number"
          inputMode="numeric"
          min={YEAR_MIN}
          max={YEAR_MAX}
          step={1}
          value={yearText}
          onChange={(_e, data) => setYearText(data.value)}
          disabled={busy}
        />
      </Field>

      <Field
        label={t('indexLabel')}
        hint={
          <span className={styles.indexHint}>
            {!indexOverridden
              ? t('indexDefaultHint', { year: year ?? '—', decision: defaultIndex.decision })
              : t('indexOverriddenHint', { year: year ?? '—', decision: defaultIndex.decision })}
            {indexOverridden && (
              <Button appearance="transparent" size="small" onClick={() => setChosenIndexId(null)} disabled={busy}>
                {t('indexUseDefault')}
              </Button>
            )}
          </span>
        }
      >
        <Dropdown
          className={styles.fullWidth}
          listbox={{ className: styles.fullWidth }}
          value={indexDecision(indexId)}
          selectedOptions={[indexId]}
          onOptionSelect={(_e, data) =>
            setChosenIndexId(!data.optionValue || data.optionValue === defaultIndex.id ? null : data.optionValue)
          }
          disabled={busy}
        >
          {INDEX_VERSIONS.map((v) => (
            <Option key={v.id} value={v.id} text={v.decision}>
              {v.decision}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <CatalogueStep
        lang={lang}
        t={t}
        run={run}
        busy={busy}
        canRun={canRun}
        indexVersionId={indexId}
        check={catalogueCheck?.version?.id === indexId ? catalogueCheck : null}
        onCheck={setCatalogueCheck}
        useCatalogue={useCatalogue && catalogue !== undefined}
        onUseCatalogue={setUseCatalogue}
        onProgress={(message) => setProgress(message ? { fraction: 0, message } : null)}
      />

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy || !canRun || year === null}>
          {t('createButton')}
        </Button>
      </div>

      <ProgressField progress={progress} label={t('progressLabel')} />

      <div role="status" aria-live="polite">
        {result && (
          <MessageBar intent="success">
            <MessageBarBody>{result}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      <ReplaceSheetsDialog guard={guard} t={t} />
    </form>
  );
}
