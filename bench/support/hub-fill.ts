export const WORKSTATIONS = 100;

/**
 * Generated records, `$1` to `$2` (ids), spread over 100 workstations (each of one of 10 agencies, as a
 * workstation belongs to one), 40 procedures, 7 years, 3 statuses, a year of days.
 */
export const FILL = `INSERT INTO record (receipt_id, workstation_id, document_key, version, sha256, size, dossier_code, procedure_code, agency_code, year, status, signed_at, source, received_at, is_result)
  SELECT 'r-' || i, 'ws-' || (i % ${WORKSTATIONS}), 'doc-' || i, 1, md5(i::text) || md5((i + 1)::text), 50000 + (i * 7919) % 900000,
         'HS-' || (i / 3), '1.' || lpad(((i / 700) % 40)::text, 3, '0'), '000.' || ((i % ${WORKSTATIONS}) % 10) || '.25.H12', 2020 + (i / 13) % 7,
         (ARRAY['finalized', 'returned', 'received'])[1 + (i / 17) % 3], NULL, 'bag', now() - ((i * 104729) % 365) * interval '1 day', i % 5 = 0
  FROM generate_series($1::bigint, $2::bigint) AS i`;
