/**
 * The agency a workstation digitizes for, as the settings hold it (agency.*, workstation.*). Each
 * dossier keeps the identity it was taken in under; its records, stamp, receipt and sync carry that one.
 */
export interface AgencyIdentity {
  name: string;
  /** The agency's electronic identifier code (mã định danh điện tử), LLL.LL.LL.XNN. */
  code: string;
  parent: string;
  address: string;
  workstationName: string;
  desk: string;
}
