import type { UserView } from '#contracts';
import type { ReactNode } from 'react';
import { Avatar } from '../ui/Avatar';
import { BrandMark } from '../ui/BrandMark';
import { roleLabel } from '../ui/people-labels';

interface AppHeaderProps {
  user: UserView;
  loggingOut: boolean;
  onLogout(): void;
  /** The main navigation between the inbox, the tickets and (admins) the setup screens. */
  nav?: ReactNode;
  /** The person's presence control. */
  presence?: ReactNode;
}

export function AppHeader({ user, loggingOut, onLogout, nav, presence }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <BrandMark size={28} />
        <span className="app-header__product">Support Desk</span>
      </div>
      {nav}
      <div className="app-header__user">
        {presence}
        <Avatar name={user.name} size={32} />
        <div className="app-header__identity">
          <span className="app-header__name">
            <span className="visually-hidden">Signed in as </span>
            {user.name}
          </span>
          <span className="app-header__role">{roleLabel(user.role)}</span>
        </div>
        <button type="button" className="button button--ghost" onClick={onLogout} disabled={loggingOut}>
          {loggingOut ? 'Logging out…' : 'Log out'}
        </button>
      </div>
    </header>
  );
}
