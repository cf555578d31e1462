import type { ExternalLink } from '../../../shared/walkthrough/steps';

/**
 * Links to Microsoft's pages. Electron hands a new-window link to the system browser when its
 * origin is on the allow-list (electron/security.ts); the browser host opens a new tab.
 */
export function ExternalLinks({ links }: { links: readonly ExternalLink[] }) {
  return (
    <ul className="step-links">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href} target="_blank" rel="noopener noreferrer">
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
