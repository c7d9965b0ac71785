/** A counter notice in the current language: money parameters (fen) and quantities formatted. */
import { i18n, t } from '../../i18n/index.svelte';
import type { Notice } from './desk.svelte';

export function noticeText(n: Notice): string {
	const params: Record<string, string | number> = { ...n.params };
	if (typeof params.amount === 'number') params.amount = i18n.money(params.amount);
	if (typeof params.left === 'number') params.left = i18n.qty(params.left);
	return t(n.key, params);
}
