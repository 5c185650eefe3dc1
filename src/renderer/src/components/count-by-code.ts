/** Problems grouped by their code, in the order each code first appears, with how many share it. */
export function countByCode(problems: readonly { code: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  return [...counts];
}
