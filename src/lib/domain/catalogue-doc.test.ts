import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEventCatalogue } from './catalogue-doc';
import { CATALOGUE, EVENT_TYPES, TYPE_BY_CODE } from './catalogue';

describe('event catalogue', () => {
	it('[J6] docs/EVENTS.md is the catalogue as the code has it (npm run docs:events)', () => {
		expect(readFileSync('docs/EVENTS.md', 'utf8')).toBe(renderEventCatalogue());
	});

	it('[J6] every event type has its own wire code', () => {
		expect(TYPE_BY_CODE.size).toBe(EVENT_TYPES.length);
		for (const t of EVENT_TYPES) expect(TYPE_BY_CODE.get(CATALOGUE[t].code)).toBe(t);
	});
});
