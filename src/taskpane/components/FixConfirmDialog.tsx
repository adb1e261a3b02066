import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Translate } from '../i18n';
import { DescriptionList } from './DescriptionList';
import type { FixLine } from '../views/check-model';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export interface FixConfirmDialogProps {
  /** The cells to write; null closes the dialog. */
  lines: FixLine[] | null;
  t: Translate;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Lists exactly the cells that will be written, old → new, before anything is changed. */
export function FixConfirmDialog({ lines, t, onConfirm, onCancel }: FixConfirmDialogProps) {
  const styles = useStyles();
  const blank = (s: string) => s || t('blankValue');
  return (
    <Dialog
      open={lines !== null}
      modalType="alert"
      onOpenChange={(_e, data) => {
        if (!data.open) onCancel();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('fixConfirmTitle')}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{t('fixConfirmBody', { count: lines?.length ?? 0 })}</Text>
            {/* One block per cell rather than a table: it stays readable in a 320 px pane. */}
            <ul className={styles.list}>
              {(lines ?? []).map((l, i) => (
                <li key={`${i}|${l.ref}`} className={styles.item}>
                  <Text weight="semibold">{l.ref}</Text>
                  <DescriptionList
                    monospace
                    rows={[
                      [t('fixOld'), blank(l.oldText)],
                      [t('fixNew'), blank(l.newText)],
                    ]}
                  />
                </li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm}>
              {t('fixConfirmApply')}
            </Button>
            <Button appearance="secondary" onClick={onCancel}>
              {t('cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
