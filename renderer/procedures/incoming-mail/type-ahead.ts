/** How long typing is held for the new row at most; a busy machine may take a while to draw it. */
const MAX_WAIT_MS = 3000;

const isText = (event: KeyboardEvent) =>
  event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;

/**
 * Types `text` into a focused input as the person would have: through the native value setter
 * and an input event, so React's onChange sees it, with the caret after it; keys that follow
 * then go on from there.
 */
function typeInto(input: HTMLInputElement, text: string): void {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setValue?.call(input, input.value + text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.setSelectionRange(input.value.length, input.value.length);
}

/** The hold under way, if any: a second F5 ends it before its own starts. */
let ending: (() => void) | undefined;

/**
 * Keeps what is typed between Add row (F5) and the new row's cell taking focus, and types it
 * there: a scanner or a script types on at once, and without this the first characters land in
 * the row above (which still has focus for a frame or two) or nowhere. Holds never overlap: the
 * next F5 hands what the last one held to its row first, so each row gets its own text.
 */
export function holdTypingFor(cellId: string): void {
  ending?.();
  let held = '';
  let ended = false;
  const deadline = performance.now() + MAX_WAIT_MS;
  (document.activeElement as HTMLElement | null)?.blur();

  const onKeyDown = (event: KeyboardEvent) => {
    if (isText(event)) held += event.key;
    else if (event.key === 'Backspace') held = held.slice(0, -1);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  window.addEventListener('keydown', onKeyDown, true);

  // Late, overtaken or not, what was typed is not dropped: it goes to this row's cell.
  const end = (focus: boolean) => {
    if (ended) return;
    ended = true;
    ending = undefined;
    window.removeEventListener('keydown', onKeyDown, true);
    const cell = document.getElementById(cellId);
    if (!(cell instanceof HTMLInputElement)) return;
    if (focus && document.activeElement !== cell) cell.focus();
    if (held !== '') typeInto(cell, held);
  };
  ending = () => end(false);

  const settle = () => {
    if (ended) return;
    const cell = document.getElementById(cellId);
    if ((cell && document.activeElement === cell) || performance.now() > deadline) end(true);
    else requestAnimationFrame(settle);
  };
  requestAnimationFrame(settle);
}
