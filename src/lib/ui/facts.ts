/** Formats a conflict card's facts for its message template, in the current language. */
import { EVENT_TYPES } from '../domain/catalogue';
import { i18n, t, type MessageKey } from '../i18n/index.svelte';
import type { Fact } from '../projections/conflicts';

export function eventTypeLabel(type: string): string {
	return (EVENT_TYPES as readonly string[]).includes(type) ? t(`type.${type}` as MessageKey) : type;
}

export function formatFact(f: Fact): string {
	switch (f.kind) {
		case 'text':
			return f.value;
		case 'qty':
			return i18n.qty(f.value, f.unit);
		case 'money':
			return i18n.money(f.value);
		case 'day':
			return i18n.date(f.value);
		case 'event-type':
			return eventTypeLabel(f.value);
	}
}

export function formatFacts(facts: Readonly<Record<string, Fact>>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, f] of Object.entries(facts)) out[k] = formatFact(f);
	return out;
}
