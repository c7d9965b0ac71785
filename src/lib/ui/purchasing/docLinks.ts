/** How purchase document statuses are coloured. */
export const STATUS_TONE: Readonly<Record<string, string>> = {
	pending: 'warn',
	draft: 'warn',
	voided: 'danger',
	approved: 'accent',
	partial: 'accent',
	complete: 'ok',
	posted: 'ok'
};
