/**
 * Dossier codes from a configurable pattern. Tokens: {agency}, {yyyy}, {yy}, {mm}, {dd}, {yymmdd},
 * {seqN} (a sequence of N digits that restarts for every distinct prefix, e.g. every day).
 * The pattern is the `dossier.code_pattern` setting (default `<agency code>-<yymmdd>-<4-digit sequence>`).
 */

export interface CodeParts {
  /** Everything of the code but the sequence; the sequence counts per prefix. */
  prefix: string;
  format(sequence: number): string;
}

export function dossierCodeParts(pattern: string, agencyCode: string, date: Date): CodeParts {
  const seq = /\{seq(\d)\}/.exec(pattern);
  if (!seq) throw new Error(`Dossier code pattern needs a {seqN} token: ${pattern}`);
  const yyyy = String(date.getFullYear());
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  const filled = pattern
    .replaceAll('{agency}', agencyCode)
    .replaceAll('{yyyy}', yyyy)
    .replaceAll('{yymmdd}', `${yyyy.slice(2)}${mm}${dd}`)
    .replaceAll('{yy}', yyyy.slice(2))
    .replaceAll('{mm}', mm)
    .replaceAll('{dd}', dd);
  const width = Number(seq[1]);
  return {
    prefix: filled.replace(seq[0], '#'),
    format: (n) => filled.replace(seq[0], String(n).padStart(width, '0')),
  };
}
