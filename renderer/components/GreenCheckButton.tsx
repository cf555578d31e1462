import type { ButtonHTMLAttributes } from 'react';

/**
 * The ERP's green test icon (a white tick on a green disc) as a button; its label is also its
 * tooltip.
 */
export function GreenCheckButton({
  label,
  ...button
}: { label: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'className'>) {
  return (
    <button type="button" className="check-mail" aria-label={label} title={label} {...button}>
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
        <circle cx="10" cy="10" r="9" fill="#2e9e44" />
        <path
          d="M5.5 10.5l3 3 6-7"
          fill="none"
          stroke="#fff"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}
