/**
 * Small helpers the sales pages share: who may see cost and margin, the tone of a state, and the
 * user's-language text of a command error or an approval reason.
 */
import type { FieldError } from '../../commands/context';
import type { Workspace } from '../../device/workspace.svelte';
import type { ApprovalCheck } from '../../domain/sales/approval';
import { i18n, t, type MessageKey } from '../../i18n/index.svelte';
import type { SalesState } from '../../projections/sales';

/** [SP4] Cost and margin are shown to owners, managers, finance and purchasing (and in the demo). */
export function canSeeCost(ws: Workspace): boolean {
	if (ws.config.mode === 'demo') return true;
	return ws.config.roles.some((g) => ['owner', 'manager', 'finance', 'purchasing'].includes(g.role));
}

export const STATE_TONE: Record<SalesState, string> = {
	pending: 'warn',
	approved: 'accent',
	partial: 'warn',
	delivered: 'accent',
	completed: 'ok',
	rejected: 'danger',
	voided: 'danger',
	valid: 'accent',
	expired: '',
	converted: 'ok',
	posted: 'ok'
};

export const stateLabel = (s: SalesState): string => t(`sales.state.${s}` as MessageKey);

/** A command error in the user's language. */
export function errorText(e: FieldError | undefined, unit = ''): string | null {
	if (!e) return null;
	if (e.code === 'deriving') return t('common.deriving');
	const params: Record<string, string | number> = { ...(e.params ?? {}) };
	if (e.code === 'tooMany' && typeof params.max === 'number') params.max = i18n.qty(params.max, unit);
	return t(`sales.error.${e.code}` as MessageKey, params);
}

/** Why an order needs approval, in the user's language. */
export function checkText(c: ApprovalCheck, lineName: (line: number) => string): string {
	const line = c.line === undefined ? '' : lineName(c.line);
	switch (c.code) {
		case 'discount':
			return t('sales.check.discount', {
				line,
				value: i18n.percent((c.value ?? 0) / 10_000),
				limit: i18n.percent((c.limit ?? 0) / 10_000)
			});
		case 'below-cost':
			return t('sales.check.belowCost', {
				line,
				value: i18n.money(c.value ?? 0),
				limit: i18n.money(c.limit ?? 0)
			});
		case 'credit-limit':
			return t('sales.check.credit', { value: i18n.money(c.value ?? 0), limit: i18n.money(c.limit ?? 0) });
		case 'amount':
			return t('sales.check.amount', { value: i18n.money(c.value ?? 0), limit: i18n.money(c.limit ?? 0) });
	}
}

/** Decimal text of a quantity or amount for a form field ("2", "80.00"). */
export { formatQty, formatYuan } from '../../domain/money';
