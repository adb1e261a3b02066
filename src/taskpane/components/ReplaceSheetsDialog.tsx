import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import type { Translate } from '../i18n';
import type { useReplaceGuard } from '../replace-guard';

/** The question useReplaceGuard asks: replace these PressDX sheets? `hint` adds view-specific advice. */
export function ReplaceSheetsDialog({ guard, t, hint }: { guard: ReturnType<typeof useReplaceGuard>; t: Translate; hint?: string }) {
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
            {t('confirmBody', { sheets: (guard.sheets ?? []).join(', ') })}
            {hint ? ` ${hint}` : ''}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={guard.confirm}>
              {t('confirmReplace')}
            </Button>
            <Button appearance="secondary" onClick={guard.cancel}>
              {t('cancel')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
