import { Field, ProgressBar } from '@fluentui/react-components';

/** How far a long operation is, and what it is doing now. */
export interface Progress {
  fraction: number;
  message: string;
}

export function ProgressField({ progress, label }: { progress: Progress | null; label: string }) {
  if (!progress) return null;
  return (
    <Field label={label} validationMessage={progress.message} validationState="none">
      <ProgressBar value={Math.min(1, Math.max(0, progress.fraction))} max={1} thickness="large" />
    </Field>
  );
}
