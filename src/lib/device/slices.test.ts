import { describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/generate';
import { compareEvents } from '../domain/event';
import { seededRandom } from '../sync/testing';
import { sortInSlices } from './slices';

describe('sortInSlices', () => {
	it('gives the derivation order of a full sort, whatever the order and split of its input', async () => {
		const events = [...generateDemo({ size: 'tiny' })];
		const random = seededRandom(7);
		const shuffled = events.slice();
		for (let i = shuffled.length - 1; i > 0; i--) {
			const j = random.int(0, i);
			[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
		}
		const cut = Math.floor(shuffled.length / 3);
		const sorted = await sortInSlices([shuffled.slice(0, cut), shuffled.slice(cut)]);
		expect(sorted.map((e) => e.id)).toEqual(
			events
				.slice()
				.sort(compareEvents)
				.map((e) => e.id)
		);
	});
});
