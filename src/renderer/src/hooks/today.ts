/** Today's date on this workstation's clock, as ISO `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  const mm = String(now.getMonth() + 1).padStart(2, '0');
  const dd = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${mm}-${dd}`;
}
