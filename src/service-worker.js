// @ts-check
/**
 * The offline app shell: every built file and static asset is precached per version, navigations are
 * answered with the cached shell (the app is a single page; its data lives in IndexedDB), and the
 * relay's API and sync sockets always go to the network. A new version installs alongside and waits
 * until the page asks it to take over (the update prompt), then the old caches are dropped.
 *
 * JavaScript rather than TypeScript: SvelteKit's generated tsconfig excludes src/service-worker.ts,
 * which the lint's typed project service then refuses to parse.
 */
import { build, files, version } from '$service-worker';

const sw = /** @type {any} */ (self);
const CACHE = `jxc-shell-${version}`;
const SHELL = '/index.html';

sw.addEventListener('install', (/** @type {any} */ event) => {
	event.waitUntil(
		caches.open(CACHE).then(async (cache) => {
			await cache.addAll([...build, ...files]);
			// The shell is fetched fresh (the relay serves it for any app route), never from the HTTP cache.
			const shell = await fetch('/', { cache: 'no-store' });
			if (!shell.ok) throw new Error(`app shell: HTTP ${shell.status}`);
			await cache.put(SHELL, shell);
		})
	);
});

sw.addEventListener('activate', (/** @type {any} */ event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (/** @type {MessageEvent} */ event) => {
	if (event.data?.type === 'SKIP_WAITING') sw.skipWaiting();
});

sw.addEventListener('fetch', (/** @type {any} */ event) => {
	/** @type {Request} */
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/') || url.pathname === '/healthz')
		return;

	if (request.mode === 'navigate') {
		// This version's shell, so the page and its cached scripts always match.
		event.respondWith(caches.match(SHELL, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
		return;
	}
	event.respondWith(
		caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((cached) => cached ?? fetch(request))
	);
});
