// Where a redirect may send someone after signing in (or up): a path on this
// site, never another. Browsers forgive a lot in a Location header — they drop
// tabs and newlines, read `\` as `/`, and `//host` as another site — so anything
// unusual is refused outright rather than cleaned: control characters,
// backslashes, a second slash or a scheme at the start. What passes is returned
// percent-encoded (a Location header carries ASCII only; 中 would fail the response).

const CONTROL = /[\u0000-\u001f\u007f]/;
const BASE = 'http://same-origin.invalid';

/** `next` as a same-site path (with its query and hash), or `fallback`. */
export function safeRedirectPath(next: string | null | undefined, fallback: string): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || CONTROL.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
