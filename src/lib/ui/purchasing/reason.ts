/** A purchase suggestion's reasoning in plain words, in the user's language (PU1–PU2). */
import type { Suggestion } from '../../domain/purchasing/suggest';
import { i18n, t } from '../../i18n/index.svelte';

export function suggestionReason(s: Suggestion, unit: string): string {
	const q = (n: number) => i18n.qty(n);
	const parts: string[] = [];
	parts.push(
		s.notes.includes('no-sales')
			? t('plan.reason.noSales', { days: s.windowDays })
			: t('plan.reason.avg', { days: s.windowDays, avg: q(s.dailyAverage), unit })
	);
	parts.push(
		s.leadTimeDays === undefined
			? t('plan.reason.noLead')
			: t('plan.reason.lead', { lead: s.leadTimeDays, need: q(s.leadDemand), unit })
	);
	if (s.min !== undefined) parts.push(t('plan.reason.safety', { min: q(s.min) }));
	if (s.max !== undefined) parts.push(t('plan.reason.max', { max: q(s.max) }));
	parts.push(t('plan.reason.incoming', { q: q(s.incoming) }));
	parts.push(t('plan.reason.available', { q: q(s.available) }));
	let result = s.suggested > 0 ? t('plan.reason.order', { q: q(s.suggested), unit }) : t('plan.reason.none');
	if (s.notes.includes('above-max')) result += t('plan.reason.sep') + t('plan.reason.aboveMax');
	if (s.notes.includes('capped-at-max')) result += t('plan.reason.sep') + t('plan.reason.capped');
	return `${parts.join(t('plan.reason.sep'))} → ${result}`;
}
