/** An adjustment's reason as the clerk reads it (I6): the code in the user's language, then the note. */
import { GAIN_REASONS, LOSS_REASONS } from '../../commands/stock';
import { t } from '../../i18n/index.svelte';

const CODES = new Set<string>([...LOSS_REASONS, ...GAIN_REASONS]);

/**
 * `damaged: 外箱压坏` → 破损：外箱压坏 (or "Damaged: …"). A reason recorded as plain text (the conflict
 * center's, or another device's older wording) is shown as it is.
 */
export function adjustReasonText(reason: string): string {
	const m = /^([a-z]+)(?:: ([\s\S]*))?$/.exec(reason);
	if (!m || !CODES.has(m[1]!)) return reason;
	const label = t(`adjust.reason.${m[1] as 'other'}`);
	return m[2] ? t('adjust.reasonWithNote', { reason: label, note: m[2] }) : label;
}
