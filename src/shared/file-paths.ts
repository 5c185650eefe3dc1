/**
 * A path as a user pastes it: Windows Explorer's "Copy as path" wraps it in double quotes, other
 * tools in single ones. The quotes are dropped; what is inside is kept as it is.
 */
export function unquotePath(text: string): string {
  const trimmed = text.trim();
  const m = /^(["'])(.*)\1$/s.exec(trimmed);
  return m ? m[2]!.trim() : trimmed;
}

/** One path a line (blank lines skipped), each unquoted. */
export function pathsFromText(text: string): string[] {
  return text.split(/\r?\n/).map(unquotePath).filter(Boolean);
}
