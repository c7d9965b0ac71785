/**
 * 环比 as a report shows it: the change from the span before as a signed percentage, or 新增 where
 * there was nothing before, with a tone saying whether it is good news: `sense` 1 where a rise is
 * good (sales, profit), -1 where it is bad (returns, cost, expenses), 0 where it is neither (tax).
 */
import { i18n, t } from '../i18n/index.svelte';
import { changeBp } from '../projections/trade-summary';

export function changeShown(now: number, was: number, sense = 1): { text: string; tone: string } {
	const bp = changeBp(now, was);
	if (bp === null) return { text: now === 0 ? '' : t('sales.summary.new'), tone: sense > 0 ? 'up' : '' };
	const pct = i18n.percent(bp / 10_000);
	const good = Math.sign(bp) * sense;
	return { text: bp > 0 ? `+${pct}` : pct, tone: good > 0 ? 'up' : good < 0 ? 'down' : '' };
}
