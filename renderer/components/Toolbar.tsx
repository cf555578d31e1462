import { useEffect, useState } from 'react';

interface ToolbarProps {
  dirty: boolean;
  saving: boolean;
  /** Changes on every successful save; a change flashes "Saved". */
  savedCount: number;
  /** Why the last save was refused, while it still is (errors left); said beside Save. */
  refusal?: string;
  onSave(): void;
  onRevert(): void;
}

const SAVED_VISIBLE_MS = 3000;

/** Save (also Ctrl+S), Revert and the unsaved-changes marker of a procedure. */
export function Toolbar(props: ToolbarProps) {
  const { dirty, saving, savedCount, refusal, onSave, onRevert } = props;
  // The save whose "Saved" has faded; a newer save shows it again.
  const [fadedCount, setFadedCount] = useState(0);
  const showSaved = savedCount > fadedCount;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        onSave();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onSave]);

  useEffect(() => {
    if (savedCount === 0) return;
    const timer = setTimeout(() => setFadedCount(savedCount), SAVED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [savedCount]);

  return (
    <div className="toolbar" role="toolbar" aria-label="Procedure">
      <button
        type="button"
        className="button primary"
        onClick={onSave}
        disabled={saving}
        aria-keyshortcuts="Control+S"
        title="Save (Ctrl+S)"
      >
        Save
      </button>
      <button type="button" className="button" onClick={onRevert} disabled={!dirty || saving}>
        Revert
      </button>
      <span className="toolbar-status" role="status">
        {saving ? (
          'Saving…'
        ) : dirty ? (
          <span className="unsaved">● Unsaved changes</span>
        ) : showSaved ? (
          'Saved'
        ) : (
          ''
        )}
      </span>
      {/* Only while refused: an alert announces when it appears, and an empty one is noise. */}
      {refusal && (
        <span className="toolbar-refusal" role="alert">
          {refusal}
        </span>
      )}
    </div>
  );
}
