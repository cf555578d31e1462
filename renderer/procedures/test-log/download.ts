/**
 * Saves text as a file through a temporary Blob link: the same in a browser and in Electron
 * (which turns the link into its download), and the text never leaves the renderer.
 */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, or the download may find the URL gone.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
