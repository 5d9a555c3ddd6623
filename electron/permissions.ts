// The window may write to the clipboard (the Copy buttons) and nothing else; no other page may do even that.
// Chromium asks for `clipboard-sanitized-write` before navigator.clipboard.writeText, through both handlers.
export const grantedPermissions: readonly string[] = ['clipboard-sanitized-write'];

/** Decides a permission for the page at `url` (undefined when Electron could not say which page asks). */
export function permissionGate(isTrusted: (url: string) => boolean): (permission: string, url: string | undefined) => boolean {
  return (permission, url) => grantedPermissions.includes(permission) && url !== undefined && url !== '' && isTrusted(url);
}
