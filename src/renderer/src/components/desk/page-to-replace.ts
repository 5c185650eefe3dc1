/** A page the clerk is re-scanning with the camera or a file (its dossier was not captured with a scanner). */
export interface PageToReplace {
  pageId: number;
  /** Its number in its document, as the clerk sees it. */
  n: number;
}
