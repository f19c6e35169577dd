/**
 * Outlook "Safe Links" rewrite every URL to `https://<region>.safelinks.protection.outlook.com/?url=<encoded>&data=…`.
 * The real target is what a notice means; the wrapper says nothing about it.
 */
const SAFELINK = /https?:\/\/[a-z0-9.-]*safelinks\.protection\.outlook\.com\/?\?[^\s<>"')\]]+/gi;

export function unwrapSafeLink(url: string): string {
  try {
    const u = new URL(url);
    if (!/safelinks\.protection\.outlook\.com$/i.test(u.hostname)) return url;
    const target = u.searchParams.get("url");
    return target && /^https?:\/\//i.test(target) ? target : url;
  } catch {
    return url;
  }
}

export function unwrapSafeLinks(text: string): string {
  return text.replace(SAFELINK, (m) => unwrapSafeLink(m.replace(/&amp;/g, "&")));
}
