import { describe, expect, it } from 'vitest';
import { en } from './en';
import { interpolate } from './index.svelte';
import { zhCN } from './zh-CN';

/** Every `{name}` and `{name|…|…}` a message takes. */
function paramsOf(message: string): string[] {
	return [...message.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]!);
}

function render(message: string, value: string | number): string {
	return interpolate(message, Object.fromEntries(paramsOf(message).map((p) => [p, value])));
}

/** Words ending in s that are not plural nouns (verbs after a name or an amount). */
const NOT_PLURAL = new Set(['is', 'was', 'has', 'as', 'this', 'its', 'us', 'does', 'runs', 'exceeds']);

describe('English counts agree with their nouns', () => {
	it('fills in the form that agrees with the count, formatted or not', () => {
		const m = '{n} {n|product is|products are} stuck';
		expect(interpolate(m, { n: 1 })).toBe('1 product is stuck');
		expect(interpolate(m, { n: 0 })).toBe('0 products are stuck');
		expect(interpolate(m, { n: 2 })).toBe('2 products are stuck');
		expect(interpolate(m, { n: '1' })).toBe('1 product is stuck');
		expect(interpolate(m, { n: '1,001' })).toBe('1,001 products are stuck');
		expect(interpolate(m, { n: 1.5 })).toBe('1.5 products are stuck');
		// Not a count (a quantity with its unit): the other form, never a crash.
		expect(interpolate(m, { n: '1 箱' })).toBe('1 箱 products are stuck');
		// A parameter not given stays as written, as `{name}` does.
		expect(interpolate(m, {})).toBe(m);
	});

	it('no English message says "1 products" (every count given 1, then 2)', () => {
		const wrong: string[] = [];
		for (const [key, message] of Object.entries(en)) {
			if (paramsOf(message).length === 0) continue;
			const one = render(message, 1);
			for (const m of one.matchAll(/\b1 ([a-z]+s)\b/g))
				if (!NOT_PLURAL.has(m[1]!)) wrong.push(`${key}: ${one}`);
			const two = render(message, 2);
			if (/\{\w+\|/.test(two)) wrong.push(`${key}: ${two}`);
		}
		expect(wrong).toEqual([]);
	});

	it('the Chinese messages use no plural forms (their nouns do not inflect)', () => {
		for (const message of Object.values(zhCN)) expect(message).not.toMatch(/\{\w+\|/);
	});
});
