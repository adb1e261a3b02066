import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircle20Filled, Info20Filled, Warning20Filled } from '@fluentui/react-icons';
import type { Severity } from '../../domain/check';
import type { MessageKey, Translate } from '../i18n';
import { SEVERITIES, type SeverityCounts } from '../views/check-model';

export const SEVERITY_LABEL: Record<Severity, MessageKey> = { error: 'severityError', warning: 'severityWarning', info: 'severityInfo' };

const useStyles = makeStyles({
  error: { color: tokens.colorStatusDangerForeground1 },
  warning: { color: tokens.colorStatusWarningForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  icon: { flexShrink: 0 },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: 0, padding: 0, listStyleType: 'none' },
});

/** The severity's icon; the label is read by screen readers (the icon alone carries no meaning to them). */
export function SeverityIcon({ severity, t }: { severity: Severity; t: Translate }) {
  const styles = useStyles();
  const props = { className: mergeClasses(styles.icon, styles[severity]), 'aria-label': t(SEVERITY_LABEL[severity]), role: 'img' as const };
  if (severity === 'error') return <ErrorCircle20Filled {...props} />;
  if (severity === 'warning') return <Warning20Filled {...props} />;
  return <Info20Filled {...props} />;
}

const BADGE_COLOUR: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

/** "Lỗi: 3  Cảnh báo: 1  Thông tin: 0" as badges. */
export function SeverityCounts({ counts, t, label }: { counts: SeverityCounts; t: Translate; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.counts} aria-label={label}>
      {SEVERITIES.map((s) => (
        <li key={s}>
          <Badge appearance={counts[s] > 0 ? 'filled' : 'outline'} color={BADGE_COLOUR[s]} size="large" shape="rounded">
            {t('severityCount', { severity: t(SEVERITY_LABEL[s]), count: counts[s] })}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
