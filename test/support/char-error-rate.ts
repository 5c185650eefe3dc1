/** Text as the corpus scorer (test/fixtures/score.py) compares it: NFC, whitespace runs as one space. */
export function scoringForm(text: string): string {
  return text.normalize('NFC').split(/\s+/).filter(Boolean).join(' ');
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** Character error rate of `hypothesis` against `reference`, in percent, both in scoring form. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = scoringForm(reference);
  return (100 * editDistance(ref, scoringForm(hypothesis))) / Math.max(1, Array.from(ref).length);
}
