/** A labelled form field with its error, wired for screen readers (aria-invalid, aria-describedby). */
import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string | undefined; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(a11y) => <input {...input} {...a11y} />}
    </Field>
  );
}

/** Maps a problem's `errors` (JSON pointers like `/email`) to field names. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const problem = (error as { problem?: { errors?: { field: string; message: string }[] } } | null)?.problem;
  for (const e of problem?.errors ?? []) {
    const key = e.field.replace(/^\//, '').replace(/^querystring:\//, '') || '_';
    out[key] = out[key] ? `${out[key]}; ${e.message}` : e.message;
  }
  return out;
}
