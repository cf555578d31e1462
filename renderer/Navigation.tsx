import type { ReactNode } from 'react';
import { isOffered, procedureGroups } from './procedures/registry';
import type { ProcedureId } from './stores/navigation';

interface NavigationProps {
  current: ProcedureId;
  onOpen(id: ProcedureId): void;
  /** Under the app name, e.g. the environment badge. */
  banner?: ReactNode;
  /** At the bottom, e.g. the environment switch. */
  footer?: ReactNode;
  /** The environment, which decides whether Demo-only procedures are listed. */
  environment?: string;
}

/** The left list of procedures under their group headings. */
export function Navigation({ current, onOpen, banner, footer, environment }: NavigationProps) {
  return (
    <nav className="navigation" aria-label="Procedures">
      <div className="app-name">ERP Mail Settings</div>
      {banner}
      {procedureGroups.map(({ group, procedures }) => (
        <div key={group} className="nav-group">
          <h2 className="nav-heading">{group}</h2>
          <ul>
            {procedures
              .filter((p) => isOffered(p, environment))
              .map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="nav-item"
                    aria-current={p.id === current ? 'page' : undefined}
                    onClick={() => onOpen(p.id)}
                  >
                    {p.title}
                  </button>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {footer && <div className="nav-footer">{footer}</div>}
    </nav>
  );
}
