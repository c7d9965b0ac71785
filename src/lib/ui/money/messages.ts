/** Money command errors in the user's language. */
import type { FieldError } from '../../commands/context';
import { t, type MessageKey } from '../../i18n/index.svelte';

const KEYS: Record<string, MessageKey> = {
	deriving: 'common.deriving',
	accountRequired: 'money.error.accountRequired',
	sameAccount: 'money.error.sameAccount',
	required: 'money.error.required',
	amount: 'money.error.amount',
	tooLong: 'money.error.tooLong',
	readOnly: 'money.error.readOnly',
	record: 'money.error.record'
};

export function moneyErrorText(e: FieldError | undefined): string | null {
	if (!e) return null;
	const key = KEYS[e.code];
	return key ? t(key, e.params) : e.code;
}
