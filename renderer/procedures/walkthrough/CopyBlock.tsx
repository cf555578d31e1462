import { useRef, useState } from 'react';
import type { CopyText } from '../../../shared/walkthrough/steps';
import { copyText } from './copy-text';

/** A value to copy into the Azure Portal: shown as it is, with a Copy button. */
export function CopyBlock({ item }: { item: CopyText }) {
  const shown = useRef<HTMLPreElement>(null);
  const [status, setStatus] = useState('');
  const copy = async () => {
    const copied = await copyText(item.text, shown.current);
    setStatus(copied ? 'Copied' : 'Selected: press Ctrl+C to copy');
  };
  return (
    <div className="copy-block">
      <pre ref={shown} className="copy-text" aria-label={item.label}>
        {item.text}
      </pre>
      <div className="copy-actions">
        <button
          type="button"
          className="button small"
          aria-label={`Copy ${item.label}`}
          onClick={() => void copy()}
        >
          Copy
        </button>
        <span role="status" className="copy-status">
          {status}
        </span>
      </div>
    </div>
  );
}
