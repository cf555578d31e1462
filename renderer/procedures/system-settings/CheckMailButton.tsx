/** The green test icon beside Server address. Its dialog ("Check e-mail settings") comes later. */
export function CheckMailButton() {
  return (
    <button
      type="button"
      className="check-mail"
      aria-label="Check e-mail settings"
      title="Check e-mail settings"
    >
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
