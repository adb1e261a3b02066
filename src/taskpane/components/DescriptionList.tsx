import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  pair: { display: 'contents' },
  term: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  value: { ...typographyStyles.caption1, margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

export interface DescriptionListProps {
  rows: ReadonlyArray<readonly [string, ReactNode]>;
  /** Values in a monospace font (cell values, where spaces matter). */
  monospace?: boolean;
}

/** Label–value pairs in two columns that wrap inside a 320 px pane. */
export function DescriptionList({ rows, monospace }: DescriptionListProps) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {rows.map(([label, value]) => (
        <div key={label} className={styles.pair}>
          <dt className={styles.term}>{label}</dt>
          <dd className={mergeClasses(styles.value, monospace && styles.mono)}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
