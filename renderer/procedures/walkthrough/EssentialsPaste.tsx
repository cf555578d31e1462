import { useId, useState } from 'react';
import { parseEssentials } from '../../../shared/walkthrough/parse-essentials';
import { systemSettingsStore } from '../../stores/instances';
import { useNavigation } from '../../stores/navigation';
import { fillAppIds } from './fill-ids';

interface Message {
  ok: boolean;
  text: string;
}

/** Paste the Overview's Essentials block (or the manifest): rows 21 and 22 are filled, unsaved. */
export function EssentialsPaste() {
  const id = useId();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<Message>();
  const openProcedure = useNavigation((s) => s.open);

  const fill = async () => {
    const parsed = parseEssentials(text);
    if (!parsed.ok) {
      setMessage({ ok: false, text: parsed.message });
      return;
    }
    const outcome = await fillAppIds(systemSettingsStore, parsed.ids);
    setMessage({ ok: outcome.ok, text: [outcome.message, ...parsed.notes].join(' ') });
  };

  return (
    <div className="essentials-paste">
      <label htmlFor={id}>Essentials block or manifest</label>
      <textarea
        id={id}
        className="control"
        rows={4}
        spellCheck={false}
        placeholder={'Application (client) ID : …\nDirectory (tenant) ID : …'}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="copy-actions">
        <button type="button" className="button small" onClick={() => void fill()}>
          Fill rows 21 and 22
        </button>
        {message?.ok && (
          <button
            type="button"
            className="button small"
            onClick={() => openProcedure('system-settings')}
          >
            Open System settings
          </button>
        )}
      </div>
      <p role="status" className={message ? `paste-message ${message.ok ? 'ok' : 'failed'}` : ''}>
        {message?.text}
      </p>
    </div>
  );
}
