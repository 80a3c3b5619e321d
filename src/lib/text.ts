// Text from users: strip what a database or a page should never see.

/** Removes control characters (NUL breaks PostgreSQL text) and replaces lone surrogates. */
export function cleanText(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.toWellFormed().replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** Escapes LIKE/ILIKE wildcards, so what a person types is matched as written. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
