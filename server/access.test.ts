import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRoom, type RoomName } from '../src/lib/domain/journal-format';
import { matchesPattern, maxAccess, roomAccess, roomPatterns, type Access } from './access';
import { ROLES, type RoleGrant } from './store/types';

const branch = fc.constantFrom('B01', 'B02', 'B03');
const grant: fc.Arbitrary<RoleGrant> = fc.record({
	role: fc.constantFrom(...ROLES),
	branches: fc.option(fc.uniqueArray(branch, { minLength: 1, maxLength: 2 }), { nil: null })
});
const room: fc.Arbitrary<RoomName> = fc.oneof(
	fc.record({ tenant: fc.constantFrom('a', 'b'), kind: fc.constant('master' as const) }),
	fc.record({
		tenant: fc.constantFrom('a', 'b'),
		kind: fc.constant('finance' as const),
		month: fc.constant('2026-01')
	}),
	fc.record({
		tenant: fc.constantFrom('a', 'b'),
		kind: fc.constant('branch' as const),
		branch,
		month: fc.constantFrom('2026-01', '2027-12')
	})
);

describe('room access', () => {
	it('[R13] the login patterns give exactly the access the relay enforces', () => {
		fc.assert(
			fc.property(fc.array(grant, { maxLength: 3 }), fc.boolean(), room, (roles, disabled, r) => {
				const user = { tenant: 'a', roles, disabled };
				const fromPatterns = roomPatterns(user)
					.filter((p) => matchesPattern(p.pattern, formatRoom(r)))
					.reduce<Access>((acc, p) => maxAccess(acc, p.access), 'none');
				expect(fromPatterns).toBe(roomAccess(user, r));
			}),
			{ numRuns: 2000 }
		);
	});

	it('[R12] a user never reaches another company, whatever the roles', () => {
		fc.assert(
			fc.property(fc.array(grant, { maxLength: 4 }), room, (roles, r) => {
				expect(roomAccess({ tenant: 'other', roles, disabled: false }, r)).toBe('none');
			})
		);
	});
});
