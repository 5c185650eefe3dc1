/** What a document card asks of the desk: each a change the desk makes and the engine records. */
export interface DocumentCardActions {
  onSelect(): void;
  onViewPage(pageId: number): void;
  onRotatePage(pageId: number, rotation: number): void;
  onDeletePage(pageId: number): void;
  /** Deletes the pages the clean-up found blank, in one go, after the clerk confirms. */
  onDeleteBlankPages(pageIds: number[]): void;
  onRescanPage(pageId: number, n: number): void;
  /** `expectedOrder`: the page ids as the screen showed them when the move was asked. */
  onMovePage(pageId: number, position: number, expectedOrder?: number[]): void;
  onSplitPage(pageId: number): void;
  /** Removes the document (added by mistake), after the clerk confirms. */
  onRemove(): void;
}
