import { foldVietnamese } from '../../shared/fold';

/**
 * The procedure's component a reused document fills: the one named the same, else the one whose
 * name holds the other's ("Giấy tờ tùy thân" fills "Giấy tờ tùy thân của người đi đăng ký"), accents
 * and case aside. Null when none matches: the document keeps its own component.
 */
export function matchingComponent(components: string[], sourceComponent: string | null): string | null {
  if (!sourceComponent) return null;
  if (components.includes(sourceComponent)) return sourceComponent;
  const source = foldVietnamese(sourceComponent).trim();
  if (!source) return null;
  return components.find((c) => foldVietnamese(c).includes(source)) ?? components.find((c) => source.includes(foldVietnamese(c))) ?? null;
}
