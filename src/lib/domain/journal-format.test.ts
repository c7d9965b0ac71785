import { describe, expect, it } from 'vitest';
import { formatRoom, parseRoom } from './journal-format';

describe('room names', () => {
	it('[S1] round-trips the three partition shapes', () => {
		for (const name of ['t/demo/master', 't/demo/finance/2026-01', 't/demo/b/B01/2026-11']) {
			const room = parseRoom(name);
			expect(room).not.toBeNull();
			expect(formatRoom(room!)).toBe(name);
		}
	});

	it('[S1] refuses anything else', () => {
		for (const name of [
			'',
			't/demo',
			't//master',
			't/demo/b/B01',
			't/demo/b/B01/2026-13',
			't/de mo/master',
			'x/demo/master',
			't/demo/finance/2026-1',
			't/demo/master/x'
		]) {
			expect(parseRoom(name)).toBeNull();
		}
	});
});
