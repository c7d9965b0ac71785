import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadCountDraft, saveCountDraft, type CountDraft } from './count-draft';

const draft: CountDraft = {
	sheet: { wh: 'W1', countedAt: '1764000000000-0000-T1', lines: [{ p: 'P1', batch: '', book: 10_000 }] },
	counts: ['9']
};

describe('a stocktake in progress kept on the device (I8)', () => {
	beforeEach(() => {
		const store = new Map<string, string>();
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => store.get(k) ?? null,
			setItem: (k: string, v: string) => void store.set(k, v),
			removeItem: (k: string) => void store.delete(k)
		});
	});
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('keeps a draft per company and user, and forgets it', () => {
		saveCountDraft('demo:acme:ann', draft);
		expect(loadCountDraft('demo:acme:ann')).toEqual(draft);
		expect(loadCountDraft('demo:acme:bob')).toBeNull();
		saveCountDraft('demo:acme:ann', null);
		expect(loadCountDraft('demo:acme:ann')).toBeNull();
	});

	it('[I9] keeps the category a count is limited to', () => {
		const one: CountDraft = { ...draft, sheet: { ...draft.sheet, category: '饮料' } };
		saveCountDraft('s', one);
		expect(loadCountDraft('s')).toEqual(one);
		localStorage.setItem(
			'jxc:count-draft:s',
			JSON.stringify({ ...one, sheet: { ...one.sheet, category: 7 } })
		);
		expect(loadCountDraft('s')).toBeNull();
	});

	it('does not resume what is not a draft', () => {
		for (const text of ['{', 'null', '{"sheet":{}}', JSON.stringify({ ...draft, counts: [] })]) {
			localStorage.setItem('jxc:count-draft:s', text);
			expect(loadCountDraft('s')).toBeNull();
		}
	});

	it('counts on without storage (disabled, or full)', () => {
		vi.stubGlobal('localStorage', {
			getItem: () => {
				throw new Error('denied');
			},
			setItem: () => {
				throw new Error('full');
			},
			removeItem: () => undefined
		});
		expect(() => saveCountDraft('s', draft)).not.toThrow();
		expect(loadCountDraft('s')).toBeNull();
	});
});
