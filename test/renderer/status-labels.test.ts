import { describe, expect, it } from 'vitest';
import { statusLabel } from '../../src/renderer/src/i18n/status-labels';
import { vi } from '../../src/renderer/src/i18n/vi';
import type { MessageKey } from '../../src/renderer/src/i18n/vi';

const t = (key: MessageKey) => vi[key];

describe('dossier status labels', () => {
  it('names every known status in Vietnamese', () => {
    expect(statusLabel(t, 'finalized')).toBe(vi['status.finalized']);
    expect(statusLabel(t, 'scanning')).toBe(vi['status.scanning']);
  });

  it('shows a status it does not know as it is, instead of failing the whole list', () => {
    expect(statusLabel(t, 'digitized')).toBe('digitized');
    expect(statusLabel(t, 'constructor')).toBe('constructor');
  });
});
