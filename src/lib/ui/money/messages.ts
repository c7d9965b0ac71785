/** Money command errors in the user's language. */
import type { FieldError } from '../../commands/context';
import { EXPENSE_CATEGORIES, INCOME_CATEGORIES } from '../../commands/money';
import { t, type MessageKey } from '../../i18n/index.svelte';

const KEYS: Record<string, MessageKey> = {
	deriving: 'common.deriving',
	accountRequired: 'money.error.accountRequired',
	sameAccount: 'money.error.sameAccount',
	required: 'money.error.required',
	amount: 'money.error.amount',
	tooLong: 'money.error.tooLong',
	readOnly: 'money.error.readOnly',
	record: 'money.error.record',
	categoryRequired: 'money.error.categoryRequired',
	noteRequired: 'money.error.noteRequired',
	incomeNoteRequired: 'money.error.incomeNoteRequired'
};

export function moneyErrorText(e: FieldError | undefined): string | null {
	if (!e) return null;
	const key = KEYS[e.code];
	return key ? t(key, e.params) : e.code;
}

/** An expense category's name in the user's language (the code itself if unknown). */
export function categoryText(code: string): string {
	return (EXPENSE_CATEGORIES as readonly string[]).includes(code)
		? t(`money.category.${code}` as MessageKey)
		: code;
}

/** [F9] An other-income category's name in the user's language (the code itself if unknown). */
export function incomeCategoryText(code: string): string {
	return (INCOME_CATEGORIES as readonly string[]).includes(code)
		? t(`money.incomeCategory.${code}` as MessageKey)
		: code;
}
