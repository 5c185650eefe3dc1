/**
 * Whether a JPEG's data runs on to its end-of-image marker. libvips reports a truncated JPEG only as
 * a warning, and while other images are decoded in parallel the warning is not reliably tied to the
 * image that raised it (libvips#2309), so the import also checks the file's structure itself.
 * True only when the file is surely cut short; a header it cannot walk is left to the decoder.
 */
export function jpegIsTruncated(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  // The marker segments up to the first scan, stepped over by their lengths (an APP1 segment may
  // carry an Exif thumbnail with markers of its own).
  let at = 2;
  for (;;) {
    if (at + 4 > bytes.length) return true;
    if (bytes[at] !== 0xff) return false;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) at += 1;
    else if (marker === 0xda) break;
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) at += 2;
    else at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
  }
  // Entropy-coded data never holds 0xFF 0xD9, so the end-of-image marker after the first scan is the image's.
  for (let i = bytes.length - 2; i > at; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return false;
  return true;
}
