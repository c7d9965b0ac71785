import { describe, expect, it } from 'vitest';
import { EventFactory } from '../../../tests/factories/events';
import { decodeEvent, encodeEntry, encodeEvent } from './codec';
import { CATALOGUE } from './catalogue';
import { eventToJson, parseEventJson } from './event';

describe('compact tuple codec', () => {
	const f = new EventFactory();
	const sale = f.make('sales.delivery.posted', {
		no: 12,
		customer: 'C1',
		wh: 'W1',
		lines: [
			{ p: 'P1', q: 2000, amount: 3980, vat: 1300 },
			{ p: 'P2', q: 1000, amount: 1250, vat: 1300, batch: 'L240101', expiry: 20500 }
		]
	});

	it('[S2] round-trips an event exactly', () => {
		const back = decodeEvent(encodeEvent(sale));
		expect(back).toEqual({ ok: true, event: sale });
	});

	it('[S2] round-trips through the JSON line form', () => {
		const back = parseEventJson(JSON.parse(JSON.stringify(eventToJson(sale))));
		expect(back).toEqual({ ok: true, event: sale });
	});

	it('[S3] keeps a foreign id and omits the derivable one', () => {
		expect(encodeEvent(sale)).toHaveLength(8);
		const foreign = { ...sale, id: 'imported-1' };
		const t = encodeEvent(foreign);
		expect(t).toHaveLength(10);
		expect(decodeEvent(t)).toEqual({ ok: true, event: foreign });
	});

	it('[S4] a malformed tuple is a failure, never an exception', () => {
		const bad: unknown[] = [
			null,
			42,
			[],
			['zz', 1, 0, 'T1', 'u1', '', 1, []],
			['sdp', 'x', 0, 'T1', 'u1', '', 1, []],
			['sdp', 1, 0, 'T1', 'u1', '', 1, null],
			['sdp', 1, 0, 'T1', 'u1', '', 1, [1, 'C1', 'W1', null, null, null, 5]],
			['sdp', 1, 0, 'T 1', 'u1', '', 1, []],
			[...encodeEvent(sale).slice(0, 7), [12, 'C1', 'W1', null, null, null, [[1, 2]]]]
		];
		for (const t of bad) expect(decodeEvent(t).ok).toBe(false);
	});

	it('[S18] the journal element is the tuple as JSON text; tuples written before still decode', () => {
		expect(encodeEntry(sale)).toBe(JSON.stringify(encodeEvent(sale)));
		expect(decodeEvent(encodeEntry(sale))).toEqual({ ok: true, event: sale });
		expect(decodeEvent(encodeEvent(sale))).toEqual({ ok: true, event: sale });
		const foreign = { ...sale, id: 'imported-1' };
		expect(decodeEvent(encodeEntry(foreign))).toEqual({ ok: true, event: foreign });
	});

	it('[S4][S18] malformed JSON text is a failure, never an exception', () => {
		const text = encodeEntry(sale);
		for (const bad of [text.slice(0, -1), '', '{}', '"sdp"', 'null', text.replace('"C1"', '"C 1"')])
			expect(decodeEvent(bad).ok).toBe(false);
	});

	it('[S4] the payload is validated with a message naming the field', () => {
		const t = encodeEvent(sale);
		(t[7] as unknown[])[0] = -1;
		expect(decodeEvent(t)).toMatchObject({ ok: false, code: 'invalid-payload', path: 'payload.no' });
	});

	it('[S4] a nested field is named by its full path (built only when the payload is invalid)', () => {
		const t = encodeEvent(sale);
		const payload = t[7] as unknown[];
		const lines = payload.find((x) => Array.isArray(x) && Array.isArray(x[0])) as unknown[][];
		const k = payload.indexOf(lines);
		const line = lines[lines.length - 1]!.slice();
		line[0] = 'not an id!';
		payload[k] = [...lines.slice(0, -1), line];
		const r = decodeEvent(t);
		expect(r).toMatchObject({ ok: false, code: 'invalid-payload' });
		const name = Object.keys((CATALOGUE[sale.type].payload as unknown as { fields: object }).fields)[k];
		expect((r as { path: string }).path).toMatch(
			new RegExp(`^payload\\.${name}\\[${lines.length - 1}\\]\\.\\w+$`)
		);
	});
});
