import { useState, type KeyboardEvent } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { Lang, Translate } from '../i18n';
import {
  cellRef,
  findingMessage,
  findingWhere,
  findingSuggestionText,
  findingValueText,
  type FindingItem,
  type SheetGroup,
} from '../views/check-model';
import { DescriptionList } from './DescriptionList';
import { SeverityIcon } from './Severity';

/** Findings rendered per sheet at first; "show more" adds as many again (a broken workbook can have thousands). */
export const PAGE_SIZE = 100;

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke1}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
  error: { borderLeftColor: tokens.colorStatusDangerBorderActive },
  warning: { borderLeftColor: tokens.colorStatusWarningBorderActive },
  info: { borderLeftColor: tokens.colorBrandStroke1 },
  body: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    padding: tokens.spacingVerticalXS,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  clickable: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, gap: tokens.spacingVerticalXXS },
  where: { fontWeight: tokens.fontWeightSemibold },
  fix: { alignSelf: 'flex-start', marginLeft: tokens.spacingHorizontalXXL },
  more: { alignSelf: 'flex-start' },
});

export interface FindingListProps {
  groups: SheetGroup[];
  lang: Lang;
  t: Translate;
  busy: boolean;
  onSelect: (item: FindingItem) => void;
  onFix: (item: FindingItem) => void;
}

function FindingRow({ item, lang, t, busy, onSelect, onFix }: { item: FindingItem } & Omit<FindingListProps, 'groups'>) {
  const styles = useStyles();
  const f = item.finding;
  const value = findingValueText(f, lang);
  const suggestion = findingSuggestionText(f, lang);
  const ref = cellRef(f.sheet, f.address);
  const where = findingWhere(f, lang);
  const content = (
    <>
      <SeverityIcon severity={f.severity} t={t} />
      <span className={styles.text}>
        {where && <Text className={styles.where}>{where}</Text>}
        <Text>{findingMessage(f, lang)}</Text>
        {(f.row > 0 || value || suggestion) && (
          <DescriptionList
            monospace
            rows={[[t('enteredValue'), value || t('blankValue')], ...(suggestion ? [[t('suggestionLabel'), suggestion] as const] : [])]}
          />
        )}
      </span>
    </>
  );
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(item);
    }
  };
  return (
    <li className={mergeClasses(styles.item, styles[f.severity])}>
      {item.locatable ? (
        // A focusable row rather than a <button>: it holds a description list, which a button may not.
        <div
          role="button"
          tabIndex={0}
          aria-disabled={busy || undefined}
          title={t('goToCell', { ref })}
          className={mergeClasses(styles.body, styles.clickable)}
          onClick={() => !busy && onSelect(item)}
          onKeyDown={(e) => !busy && onKeyDown(e)}
        >
          {content}
        </div>
      ) : (
        <div className={styles.body}>{content}</div>
      )}
      {item.fix && (
        <Button className={styles.fix} size="small" aria-label={t('applyFixLabel', { ref })} disabled={busy} onClick={() => onFix(item)}>
          {t('applyFix')}
        </Button>
      )}
    </li>
  );
}

function GroupPanel({ group, ...rest }: { group: SheetGroup } & Omit<FindingListProps, 'groups'>) {
  const styles = useStyles();
  const [shown, setShown] = useState(PAGE_SIZE);
  const hidden = group.items.length - shown;
  return (
    <>
      <ul className={styles.list}>
        {group.items.slice(0, shown).map((item) => (
          <FindingRow key={item.id} item={item} {...rest} />
        ))}
      </ul>
      {hidden > 0 && (
        <Button className={styles.more} appearance="subtle" onClick={() => setShown(shown + PAGE_SIZE)}>
          {rest.t('showMore', { count: Math.min(hidden, PAGE_SIZE) })}
        </Button>
      )}
    </>
  );
}

/** Findings grouped by sheet in an accordion; every group starts open when the list is short. */
export function FindingList({ groups, ...rest }: FindingListProps) {
  const { t } = rest;
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const defaultOpen = total <= 30 ? groups.map((g) => g.sheet) : groups.slice(0, 1).map((g) => g.sheet);
  return (
    <Accordion multiple collapsible defaultOpenItems={defaultOpen}>
      {groups.map((g) => (
        <AccordionItem key={g.sheet} value={g.sheet}>
          <AccordionHeader as="h3" size="medium">
            {t('sheetHeading', { sheet: g.sheet || t('workbookLevel'), count: g.items.length })}
          </AccordionHeader>
          <AccordionPanel>
            <GroupPanel group={g} {...rest} />
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
