/**
 * Copies text to the clipboard; where the Clipboard API is refused (a denied permission), selects
 * the shown text and asks the browser to copy it. False when the person must press Ctrl+C.
 */
export async function copyText(text: string, shown: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!shown) return false;
    const range = document.createRange();
    range.selectNodeContents(shown);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    // execCommand is deprecated but is the only fallback where the Clipboard API is refused.
    return document.execCommand('copy');
  }
}
