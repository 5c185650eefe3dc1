/** Who the audit log names for a command run from the shell: `cli:` and the system user (the README's `cli:<user>`). */
export function cliActor(env: NodeJS.ProcessEnv): string {
  return `cli:${env.USER ?? env.USERNAME ?? 'unknown'}`;
}
