import type { MessageKey } from '../../i18n/i18n.tsx';
import { MESSAGES } from '../../i18n/messages.ts';

/** The message key of a registry field (name, id_number …) or a discrepancy type, when there is one. */
export function fieldKey(field: string): MessageKey | undefined {
  const key = `field.${field}` as MessageKey;
  return key in MESSAGES ? key : undefined;
}

export function discrepancyKey(type: string): MessageKey | undefined {
  const key = `discrepancy.${type}` as MessageKey;
  return key in MESSAGES ? key : undefined;
}
