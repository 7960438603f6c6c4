/** The account page: who you are, and a password change (which ends your other sessions). */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import { useSession } from '../../app/auth';
import { fieldErrors, TextField } from '../../components/Field';
import { FormError } from '../../components/states';

export function AccountPage() {
  const state = useSession();
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      call(api.POST('/v1/me/password', { body })),
    onSuccess: () => setDone(true),
  });
  const errors = fieldErrors(change.error);
  const wrongCurrent = change.error instanceof ApiError && change.error.code === 'invalid_credentials';
  const weak =
    change.error instanceof ApiError && change.error.code === 'weak_password'
      ? (errors.password ?? change.error.problem.detail)
      : undefined;
  const currentError =
    errors.currentPassword ?? (wrongCurrent ? 'The current password is incorrect.' : undefined);
  const newError = errors.newPassword ?? weak;
  const shownInline = !!currentError || !!newError;
  return (
    <section className="narrow">
      <h1>Account</h1>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{state.user?.displayName}</dd>
        <dt>Email</dt>
        <dd>{state.user?.email}</dd>
        <dt>Roles</dt>
        <dd>{state.user?.roles.join(', ')}</dd>
      </dl>
      <h2 id="password-title">Change password</h2>
      <form
        aria-labelledby="password-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const next = String(form.get('newPassword') ?? '');
          setDone(false);
          if (next !== String(form.get('confirmPassword') ?? '')) {
            setMismatch(true);
            return;
          }
          setMismatch(false);
          change.mutate(
            { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: next },
            { onSuccess: () => (e.target as HTMLFormElement).reset() },
          );
        }}
      >
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={currentError}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          error={newError}
          hint="At least 12 characters; a passphrase is best."
        />
        <TextField
          label="Repeat the new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={mismatch ? 'The two new passwords differ.' : undefined}
        />
        {shownInline ? null : <FormError error={change.error} />}
        <button type="submit" className="primary" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
        {done ? (
          <p role="status" className="ok">
            Password changed. Your other sessions have been signed out; this one continues.
          </p>
        ) : null}
      </form>
    </section>
  );
}
