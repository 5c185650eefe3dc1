import { describe, expect, it } from 'vitest';
import { buildReceiptPdf } from '../../src/core/desk/receipt-pdf';
import type { Dossier } from '../../src/shared/types';
import { pdftotext } from '../record/support/pdf-tools';

const dossier = {
  id: 1,
  code: '000.00.00.H12-261206-0001',
  kind: 'intake',
  applicantName: 'Phạm Minh Châu',
  applicantCccd: '074190000123',
  procedureName: 'Đăng ký khai sinh',
  receivedDate: '2026-12-06',
  dueDate: '2026-12-07',
} as unknown as Dossier;

describe('the citizen’s receipt', () => {
  it('says when it was made in Vietnam’s time, not as an ISO timestamp, and has a signature line for each side', async () => {
    // 20:13 UTC on the 6th is 03:13 on the 7th at the desk (UTC+7).
    const issuedAt = new Date('2026-12-06T20:13:09.991Z');
    const text = pdftotext(
      await buildReceiptPdf({
        dossier,
        agency: {
          name: 'UBND xã Minh Hòa',
          code: '000.27.12.H12',
          parent: 'UBND huyện Dầu Tiếng',
          address: 'Ấp 3, xã Minh Hòa',
          workstationName: 'May 1',
          desk: 'Quầy 2',
        },
        components: [{ name: 'Tờ khai', received: true }],
        issuedAt,
      }),
      '-layout',
    );
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Lập lúc 03 giờ 13 ngày 07/12/2026 — Quầy 2, May 1');
    expect(flat).toContain('Địa chỉ cơ quan: Ấp 3, xã Minh Hòa');
    expect(flat).not.toContain('2026-12-06T');
    const signatureRow = text.split('\n').find((l) => l.includes('NGƯỜI NỘP HỒ SƠ'));
    expect(signatureRow).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(text.match(/\(Ký, ghi rõ họ tên\)/g)).toHaveLength(2);
  });
});
