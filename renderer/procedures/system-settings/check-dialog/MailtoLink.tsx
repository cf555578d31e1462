/**
 * Client based: the composed test message. In Electron main has already opened it in the mail
 * client (shell.openExternal allows mailto:); in a browser the user follows the link.
 */
export function MailtoLink({ href }: { href: string }) {
  return (
    <p className="mailto-link">
      <a href={href}>Open the test message in your mail client</a>
    </p>
  );
}
