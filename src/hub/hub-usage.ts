/** How the hub is called (`sohoa hub` and `src/hub/main.ts`); kept apart so `sohoa --help` loads nothing else of the hub. */
export const HUB_USAGE =
  'hub --db postgres://… --blobs DIR|s3://bucket/prefix [--spool DIR --s3-endpoint URL --s3-region R] --trust FILE|DIR [--port N] [--host H] [--tls-cert F --tls-key F] | hub --verify [--rebuild] --db … | hub --audit --db … [--blobs DIR | --audit-anchor FILE] | hub issue-code|revoke <workstation-id>|ingest-bag <dir|file.zip> --db …';

/** Bad arguments to the hub: one line, exit status 2. */
export class HubUsageError extends Error {}
