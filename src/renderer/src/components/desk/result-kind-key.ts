import type { MessageKey } from '../../i18n/vi';

/** The catalog key naming a result's kind (quyết định, giấy chứng nhận, …); none: "Kết quả khác". */
export const resultKindKey = (kind: string | null) => `result.kind.${kind ?? 'khac'}` as MessageKey;
