import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { Translate } from '../i18n';
import type { useReplaceGuard } from '../replace-guard';

/**
 * The question useReplaceGuard asks: replace these PressDX sheets? It names the visible sheets and
 * gives the advice the host allows: in Excel, File › New; where the host offers a new workbook
 * itself (the workbench), a button that opens one and carries on there.
 */
export function ReplaceSheetsDialog({ guard, t }: { guard: ReturnType<typeof useReplaceGuard>; t: Translate }) {
  const sheets = guard.sheets ?? [];
  return (
    <Dialog
      open={guard.sheets !== null}
      modalType="alert"
      onOpenChange={(_e, data) => {
        if (!data.open) guard.cancel();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('confirmTitle')}</DialogTitle>
          <DialogContent>
            <p>{sheets.length > 0 ? t('confirmBody', { sheets: sheets.join(', ') }) : t('confirmBodyHiddenOnly')}</p>
            <p>{guard.startFresh ? t('replaceAdviceNewWorkbookAction', { action: t('newWorkbookAndContinue') }) : t('replaceAdviceExcel')}</p>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={guard.confirm}>
              {t('confirmReplace')}
            </Button>
            {guard.startFresh && (
              <Button appearance="secondary" onClick={guard.startFresh}>
                {t('newWorkbookAndContinue')}
              </Button>
            )}
            <Button appearance="secondary" onClick={guard.cancel}>
              {t('cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
