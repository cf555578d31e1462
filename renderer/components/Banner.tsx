interface BannerProps {
  kind: 'alert' | 'notice';
  message: string;
  onDismiss(): void;
}

/** A message across the top of a procedure; an alert is announced at once. */
export function Banner({ kind, message, onDismiss }: BannerProps) {
  return (
    <div className={`banner ${kind}`} role={kind === 'alert' ? 'alert' : 'status'}>
      <span className="banner-message">{message}</span>
      <button type="button" className="button small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
