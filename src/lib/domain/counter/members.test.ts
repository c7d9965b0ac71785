/** Finding the customer at the counter (K8): by phone, its last four digits, code or name. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitsOf, findCustomers, maskPhone, type CustomerCard } from './members';

const card = (
	id: string,
	name: string,
	phones: string[],
	code = '',
	tier: CustomerCard['tier'] = 'member'
) => ({
	id,
	name,
	code,
	phones,
	tier
});

const cards: CustomerCard[] = [
	card('C1', '王阿姨', ['138-0013-5678']),
	card('C2', '李师傅', ['13900005678', '0571-8888 5678'], 'VIP0001'),
	card('C3', '张老板', ['13612345678'], '5678', 'wholesale'),
	card('C4', 'Lily Chen', [], 'LC')
];

describe('finding the customer at the counter', () => {
	it('[K8] the whole number finds its owner first, whatever the dashes', () => {
		expect(findCustomers(cards, '13800135678').map((c) => c.id)).toEqual(['C1']);
		expect(findCustomers(cards, '138 0013 5678').map((c) => c.id)).toEqual(['C1']);
	});

	it('[K8] the last four digits list every customer whose phone ends so, then a code equal to them', () => {
		expect(findCustomers(cards, '5678').map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
		// C3's code is 5678 too, but its phone already matched: listed once.
		// No phone ends in 0001, but a code holds it.
		expect(findCustomers(cards, '0001').map((c) => c.id)).toEqual(['C2']);
		expect(findCustomers(cards, '9999').map((c) => c.id)).toEqual([]);
		expect(findCustomers(cards, '123').map((c) => c.id)).toEqual([]); // fewer than four digits: as text
	});

	it('[K8] text finds names and codes in any case', () => {
		expect(findCustomers(cards, '老板').map((c) => c.id)).toEqual(['C3']);
		expect(findCustomers(cards, 'lily').map((c) => c.id)).toEqual(['C4']);
		expect(findCustomers(cards, 'vip').map((c) => c.id)).toEqual(['C2']);
		expect(findCustomers(cards, '').map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
		expect(findCustomers(cards, '', 2)).toHaveLength(2);
	});

	it('[K8] phones are shown masked', () => {
		expect(maskPhone('138-0013-5678')).toBe('138****5678');
		expect(maskPhone('0571-8888 5678')).toBe('****5678');
		expect(maskPhone('110')).toBe('110');
	});

	it('[K8] property: every customer found by a phone’s last four digits has a phone ending in them, and none is missed', () => {
		const phone = fc.stringMatching(/^1[3-9]\d{9}$/);
		fc.assert(
			fc.property(
				fc.array(fc.array(phone, { maxLength: 2 }), { maxLength: 12 }),
				fc.nat(),
				(phoneLists, pick) => {
					const all = phoneLists.map((ps, i) => card(`C${i}`, `客户${i}`, ps));
					const phones = phoneLists.flat();
					if (phones.length === 0) return;
					const tail = phones[pick % phones.length]!.slice(-4);
					const found = findCustomers(all, tail, 100).map((c) => c.id);
					const expected = all
						.filter((c) => c.phones.some((p) => digitsOf(p).endsWith(tail)))
						.map((c) => c.id);
					expect(new Set(found)).toEqual(new Set(expected));
					expect(found).toHaveLength(expected.length);
				}
			)
		);
	});
});
