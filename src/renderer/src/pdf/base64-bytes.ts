/** The bytes of a file the engine sent as base64. */
export const base64Bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
