import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface TabsProps<T extends string> {
  label: string;
  tabs: readonly T[];
  selected: T;
  onSelect(tab: T): void;
  children: ReactNode;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A WAI-ARIA tablist: one tab stop, arrows/Home/End move and select, the panel follows. */
export function Tabs<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
}: TabsProps<T>) {
  const listRef = useRef<HTMLDivElement>(null);

  const move = (event: KeyboardEvent) => {
    const index = tabs.indexOf(selected);
    const target = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    const tab = target === undefined ? undefined : tabs[target];
    if (tab === undefined) return;
    event.preventDefault();
    onSelect(tab);
    listRef.current?.querySelector<HTMLElement>(`#tab-${slug(tab)}`)?.focus();
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist" ref={listRef} onKeyDown={move}>
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${slug(tab)}`}
            aria-selected={tab === selected}
            aria-controls={`tabpanel-${slug(selected)}`}
            tabIndex={tab === selected ? 0 : -1}
            className="tab"
            onClick={() => onSelect(tab)}
          >
            {tab}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`tabpanel-${slug(selected)}`}
        aria-labelledby={`tab-${slug(selected)}`}
        className="tabpanel"
      >
        {children}
      </div>
    </div>
  );
}
