import { useState } from 'react';
import type { ResultText } from './result-text';
import { resultPieces } from './result-tokens';

interface ResultBoxProps {
  labelId: string;
  text: ResultText;
}

/** Read-only, multi-line and selectable, so the text can go into a support ticket as it is. */
export function ResultBox({ labelId, text }: ResultBoxProps) {
  const [copied, setCopied] = useState(false);
  const { lines, tone } = text;

  const copy = async () => {
    await navigator.clipboard.writeText(lines.join('\n'));
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };

  return (
    <div className="result">
      <div
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-labelledby={labelId}
        // Announced when a run fills it (SCREENS.md §2): it is empty while a test runs.
        aria-live="polite"
        tabIndex={0}
        className={`result-box tone-${tone}`}
      >
        {lines.map((line, index) => (
          <div key={index} className={index === 0 ? 'result-line first' : 'result-line'}>
            {line === ''
              ? '\u00a0'
              : resultPieces(line).map((piece, at) =>
                  piece.whole ? (
                    <span key={at} className="result-word">
                      {piece.text}
                    </span>
                  ) : (
                    piece.text
                  ),
                )}
          </div>
        ))}
      </div>
      <button
        type="button"
        className="button small"
        aria-label="Copy result"
        disabled={lines.length === 0}
        onClick={() => void copy().catch(() => setCopied(false))}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
