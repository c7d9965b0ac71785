/**
 * Each browser tab records as its own device. Two tabs of one installation sharing a device code could
 * stamp the same HLC (same millisecond, same counter) and so the same event id, or take the same
 * document number. A tab therefore holds a Web Lock on one numbered slot for as long as it lives: the
 * first tab is `<install code>`, a second one open at the same time `<install code>_1`, and so on. A
 * slot is reused only after its tab closed, and the journal tells the next holder where the clock and
 * the numbers of that code stand (S12, S14).
 */
const MAX_SLOTS = 8;

export async function claimTabDevice(installCode: string): Promise<string> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (!locks) return installCode;
	for (let slot = 0; slot < MAX_SLOTS; slot++) {
		const code = slot === 0 ? installCode : `${installCode}_${slot}`;
		const claimed = await new Promise<boolean>((resolve) => {
			void locks.request(`jxc:device:${code}`, { ifAvailable: true }, (lock) => {
				resolve(lock !== null);
				// Held until the tab goes away.
				return lock ? new Promise<void>(() => undefined) : undefined;
			});
		});
		if (claimed) return code;
	}
	// Eight tabs at once: a timestamp-derived code is still unique enough for a ninth.
	return `${installCode}_${Date.now().toString(36).slice(-6)}`;
}
