/** A counter notice in the current language: money parameters (fen) and quantities formatted. */
import { i18n, t } from '../../i18n/index.svelte';
import type { Notice } from './desk.svelte';

export function noticeText(n: Notice): string {
	const params: Record<string, string | number> = { ...n.params };
	for (const k of ['amount', 'owed', 'limit'] as const)
		if (typeof params[k] === 'number') params[k] = i18n.money(params[k]);
	if (typeof params.left === 'number') params.left = i18n.qty(params.left);
	return t(n.key, params);
}
