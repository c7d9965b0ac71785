import { describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/generate';
import { dayFromIso } from '../domain/dates';
import { eventToJson, parseEventJson } from '../domain/event';
import { deriveAll } from '../domain/ledger';
import { journalFileName, journalParts } from './backup';

describe('导出全部记录', () => {
	it('writes every event once, in order, as lines that parse back to the same events and books', () => {
		const events = deriveAll([...generateDemo({ size: 'tiny' })]).events;
		const text = journalParts(events).join('');
		const lines = text.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines).toHaveLength(events.length);
		expect(lines.map((l) => JSON.parse(l))).toEqual(events.map(eventToJson));
		const back = lines.map((l) => {
			const r = parseEventJson(JSON.parse(l));
			if (!r.ok) throw new Error(JSON.stringify(r));
			return r.event;
		});
		const [a, b] = [deriveAll(events), deriveAll(back)];
		expect(b.stockLevels()).toEqual(a.stockLevels());
		expect(b.alerts()).toEqual(a.alerts());
	});

	it('splits a large journal into parts without losing or repeating a line', () => {
		const tiny = deriveAll([...generateDemo({ size: 'tiny' })]).events;
		const events = Array.from({ length: 10_000 }, (_, i) => tiny[i % tiny.length]!);
		const parts = journalParts(events);
		expect(parts.length).toBe(Math.ceil(10_000 / 4096));
		expect(parts.join('').split('\n').length - 1).toBe(10_000);
		expect(journalParts([])).toEqual([]);
	});

	it('names the file after the company and the day', () => {
		expect(journalFileName('demo', dayFromIso('2025-12-31')!)).toBe('jxc-demo-2025-12-31.jsonl');
		expect(journalFileName('a/b c', dayFromIso('2026-01-02')!)).toBe('jxc-a_b_c-2026-01-02.jsonl');
	});
});
