import { useState } from 'react';
import type { UserSummary } from '../../../shared/auth-types';
import { ROLES, type Role } from '../../../shared/roles';
import { problemsByField } from '../auth/auth-problems';
import { useSignedIn } from '../auth/auth-context';
import { Notice } from '../components/Notice';
import { TextField } from '../components/TextField';
import { useEngine } from '../engine/engine-context';
import { errorCode } from '../engine/engine-errors';
import { useEngineAction } from '../hooks/use-engine-action';
import { useEngineQuery } from '../hooks/use-engine-query';
import { errorMessage } from '../i18n/error-messages';
import { formatDateTime } from '../i18n/format-date';
import { useLanguage, useT } from '../i18n/i18n-context';

const EMPTY = { username: '', displayName: '', role: 'clerk' as Role, password: '' };

/** The administrator's page: users and their roles, and how soon an idle screen locks. */
export function UsersPage() {
  const t = useT();
  const { language } = useLanguage();
  const api = useEngine();
  const me = useSignedIn().user;
  const users = useEngineQuery(() => api['user.list']({}), [api]);
  const policy = useEngineQuery(() => api['auth.policy']({}), [api]);
  const action = useEngineAction();
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  // Which form the last result belongs to: it is shown there, not at the top of a scrolled page.
  const [doneAt, setDoneAt] = useState<'table' | 'create' | 'policy'>('table');
  const [resetFor, setResetFor] = useState<UserSummary | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [idle, setIdle] = useState<string | null>(null);
  const problems = problemsByField(t, action.error);
  const roleId = (u: UserSummary) => `role-${u.id}`;

  const act = async (work: () => Promise<unknown>, message: string, at: typeof doneAt = 'table') => {
    setDone(null);
    setDoneAt(at);
    if ((await action.run(work)) !== undefined) {
      setDone(message);
      users.reload();
      policy.reload();
      return true;
    }
    return false;
  };

  const create = async () => {
    if (await act(() => api['user.create'](form), t('users.created', { name: form.displayName }), 'create')) setForm(EMPTY);
  };
  const reset = async () => {
    if (
      resetFor &&
      (await act(
        () => api['user.resetPassword']({ id: resetFor.id, password: newPassword }),
        t('users.passwordReset', { name: resetFor.displayName }),
      ))
    ) {
      setResetFor(null);
      setNewPassword('');
    }
  };

  const outcome = (at: typeof doneAt) =>
    at === doneAt && (
      <div className="form-outcome">
        {done && <Notice tone="success">{done}</Notice>}
        {action.error && !Object.keys(problems).length ? <Notice tone="error">{errorMessage(t, errorCode(action.error))}</Notice> : null}
      </div>
    );

  return (
    <>
      <h1>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      <section className="card">
        {users.error ? <Notice tone="error">{errorMessage(t, errorCode(users.error))}</Notice> : null}
        <div className="table-scroll">
          <table className="dossier-table users-table">
            <thead>
              <tr>
                <th scope="col">{t('users.col.username')}</th>
                <th scope="col">{t('users.col.name')}</th>
                <th scope="col">{t('users.col.role')}</th>
                <th scope="col">{t('users.col.state')}</th>
                <th scope="col">{t('users.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) => (
                <tr key={u.id}>
                  <th scope="row" className="code">
                    {u.username}
                  </th>
                  <td>{u.displayName}</td>
                  <td>
                    <label className="visually-hidden" htmlFor={roleId(u)}>
                      {t('users.roleOf', { name: u.displayName })}
                    </label>
                    <select
                      id={roleId(u)}
                      value={u.role}
                      onChange={(e) =>
                        void act(
                          () => api['user.setRole']({ id: u.id, role: e.target.value as Role }),
                          t('users.roleChanged', { name: u.displayName }),
                        )
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {u.disabled
                      ? t('users.disabled')
                      : u.lockedUntil && u.lockedUntil > new Date().toISOString()
                        ? t('users.lockedOut', { time: formatDateTime(u.lockedUntil, language) })
                        : t('users.active')}
                  </td>
                  <td className="button-row">
                    {u.id !== me.id && (
                      <button
                        type="button"
                        className="small"
                        onClick={() =>
                          void act(
                            () => api['user.disable']({ id: u.id, disabled: !u.disabled }),
                            u.disabled ? t('users.enable') : t('users.disable'),
                          )
                        }
                      >
                        {u.disabled ? t('users.enable') : t('users.disable')}
                      </button>
                    )}
                    <button type="button" className="small" onClick={() => setResetFor(u)}>
                      {t('users.resetPassword')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {outcome('table')}
        {resetFor && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void reset();
            }}
          >
            <TextField
              label={t('users.newPasswordFor', { name: resetFor.displayName })}
              type="password"
              value={newPassword}
              onChange={setNewPassword}
              problem={problems.password}
              hint={t('auth.passwordHint')}
              autoComplete="new-password"
            />
            <button type="submit" className="primary" disabled={action.busy}>
              {t('users.resetPassword')}
            </button>
          </form>
        )}
      </section>

      <section className="card">
        <h2>{t('users.new')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
          noValidate
        >
          <TextField
            label={t('auth.displayName')}
            value={form.displayName}
            onChange={(v) => setForm((f) => ({ ...f, displayName: v }))}
            problem={resetFor ? null : problems.displayName}
          />
          <TextField
            label={t('auth.username')}
            value={form.username}
            onChange={(v) => setForm((f) => ({ ...f, username: v }))}
            problem={resetFor ? null : problems.username}
            hint={t('auth.usernameHint')}
            autoComplete="off"
          />
          <div className="field">
            <label htmlFor="new-user-role">{t('users.role')}</label>
            <select id="new-user-role" value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as Role }))}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label={t('auth.password')}
            type="password"
            value={form.password}
            onChange={(v) => setForm((f) => ({ ...f, password: v }))}
            problem={resetFor ? null : problems.password}
            hint={t('auth.passwordHint')}
            autoComplete="new-password"
          />
          <button type="submit" className="primary" disabled={action.busy}>
            {t('users.create')}
          </button>
        </form>
        {outcome('create')}
      </section>

      <section className="card">
        <h2>{t('users.policy')}</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const minutes = Number(idle ?? policy.data?.idleMinutes);
            void act(() => api['auth.setPolicy']({ idleMinutes: minutes }), t('users.policySaved'), 'policy');
          }}
        >
          <TextField
            label={t('users.idleMinutes')}
            type="number"
            min={1}
            max={1440}
            value={idle ?? String(policy.data?.idleMinutes ?? '')}
            onChange={setIdle}
          />
          <button type="submit" disabled={action.busy}>
            {t('users.savePolicy')}
          </button>
        </form>
        {outcome('policy')}
      </section>
    </>
  );
}
