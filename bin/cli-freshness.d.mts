/** See cli-freshness.mjs. */
export function freshBuiltCli(root: string): string | null;
