/** The message under a field the engine rejected; the field points at it with aria-describedby. */
export function FieldProblem({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="field-problem">
      {message}
    </p>
  );
}

/** aria-describedby from the ids of what is actually shown. */
export const describedBy = (...ids: (string | false | null | undefined)[]): string | undefined =>
  ids.filter(Boolean).join(' ') || undefined;
