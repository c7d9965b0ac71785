/**
 * The installed app: the service worker's update cycle (a new version waits until the user says
 * "update", so a half-filled form is never reloaded away) and persistent storage (asked for once, the
 * browser's answer shown in settings). SvelteKit registers src/service-worker.ts itself.
 */
export type PersistAnswer = 'granted' | 'denied' | 'unsupported' | 'unknown';

const CHECK_EVERY_MS = 30 * 60_000;

class Pwa {
	#waiting = $state.raw<ServiceWorker | null>(null);
	#persist = $state<PersistAnswer>('unknown');
	#usage = $state.raw<{ used: number; quota: number } | null>(null);
	#controlled = $state(false);
	#started = false;

	/** A new version is installed and waits for the user. */
	get updateReady(): boolean {
		return this.#waiting !== null;
	}
	get persist(): PersistAnswer {
		return this.#persist;
	}
	get usage() {
		return this.#usage;
	}
	/** The page is served by the service worker (works offline). */
	get controlled(): boolean {
		return this.#controlled;
	}

	start(): void {
		if (this.#started || typeof navigator === 'undefined') return;
		this.#started = true;
		void this.requestPersistence();
		void this.#watchServiceWorker();
	}

	async requestPersistence(): Promise<void> {
		const storage = navigator.storage;
		if (!storage?.persist) {
			this.#persist = 'unsupported';
			return;
		}
		try {
			const already = await storage.persisted();
			this.#persist = already || (await storage.persist()) ? 'granted' : 'denied';
			await this.refreshUsage();
		} catch {
			this.#persist = 'unsupported';
		}
	}

	/** How much this origin stores, and may store (shown in settings). */
	async refreshUsage(): Promise<void> {
		const estimate = await navigator.storage?.estimate?.();
		if (estimate) this.#usage = { used: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
	}

	async #watchServiceWorker(): Promise<void> {
		const sw = navigator.serviceWorker;
		if (!sw) return;
		this.#controlled = sw.controller !== null;
		let reloading = false;
		sw.addEventListener('controllerchange', () => {
			this.#controlled = true;
			// Only reload for an update the user asked for; the first install just takes control.
			if (this.#waiting && !reloading) {
				reloading = true;
				location.reload();
			}
		});
		const registration = await sw.ready;
		const track = (worker: ServiceWorker | null) => {
			if (!worker) return;
			const settle = () => {
				// A worker waiting while another controls the page is an update; the very first one is not.
				if (worker.state === 'installed' && sw.controller) this.#waiting = worker;
			};
			settle();
			worker.addEventListener('statechange', settle);
		};
		track(registration.waiting);
		track(registration.installing);
		registration.addEventListener('updatefound', () => track(registration.installing));
		setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
	}

	/** Switches to the waiting version (the page reloads when it takes control). */
	applyUpdate(): void {
		this.#waiting?.postMessage({ type: 'SKIP_WAITING' });
	}

	dismissUpdate(): void {
		this.#waiting = null;
	}
}

export const pwa = new Pwa();
