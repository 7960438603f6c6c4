import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { signIn } from '../../app/auth';
import { fieldErrors, TextField } from '../../components/Field';
import { FormError } from '../../components/states';

type SelfRole = 'developer' | 'subscriber';

export function SignUpPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [roles, setRoles] = useState<SelfRole[]>(['subscriber']);
  const errors = fieldErrors(error);

  const toggle = (role: SelfRole) =>
    setRoles((r) => (r.includes(role) ? r.filter((x) => x !== role) : [...r, role]));

  return (
    <section className="narrow">
      <h1>Create your account</h1>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const email = String(form.get('email')).trim();
          const password = String(form.get('password'));
          setBusy(true);
          setError(null);
          try {
            await call(
              api.POST('/v1/auth/register', {
                body: { email, password, displayName: String(form.get('displayName')).trim(), roles },
              }),
            );
            await signIn(email, password);
            navigate(roles.includes('developer') ? '/console' : '/', { replace: true });
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextField
          label="Name shown to others"
          name="displayName"
          autoComplete="name"
          required
          error={errors.displayName}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          error={errors.password}
          hint="12 characters or more; not your email."
        />
        <fieldset className={errors.roles ? 'field-invalid' : ''}>
          <legend>I want to</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={roles.includes('subscriber')}
              onChange={() => toggle('subscriber')}
            />
            follow models (subscriber)
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={roles.includes('developer')}
              onChange={() => toggle('developer')}
            />
            publish models (developer)
          </label>
          {roles.length === 0 ? <p className="field-error">Choose at least one.</p> : null}
          {errors.roles ? <p className="field-error">{errors.roles}</p> : null}
        </fieldset>
        <FormError error={error} />
        <button type="submit" className="primary" disabled={busy || roles.length === 0}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p>
        Already registered? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}
