/** A search snippet; the engine marks the matched words as `[word]`, shown highlighted. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[([^\]]*)\]/);
  return <span className="snippet">{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</span>;
}
