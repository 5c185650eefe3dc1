/** The receipt (giấy biên nhận) as lines of text: the engine draws them into its PDF, the desk prints them as they are. */
export interface ReceiptLine {
  text: string;
  /** Type size in points. */
  size: number;
  center?: boolean;
  indent?: number;
  /** Extra space above the line, in points. */
  gapBefore?: number;
}

export interface ReceiptSheet {
  title: string;
  lines: ReceiptLine[];
  /** Signature blocks side by side: the citizen's, then the clerk's. */
  signatures: { title: string; hint: string }[];
}
