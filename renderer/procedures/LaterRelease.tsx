/** Stands in for a procedure that a later release builds. */
export function LaterRelease({ title }: { title: string }) {
  return (
    <div className="procedure">
      <header className="procedure-header">
        <h1>{title}</h1>
      </header>
      <p className="placeholder">{title} is part of a later release.</p>
    </div>
  );
}
