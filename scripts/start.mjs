// `npm start`: the README's first command. On a fresh clone it installs dependencies, builds the app once,
// then runs the relay (which serves the app on the same port, data in ./data or JXC_DATA_DIR).
import { execSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const sh = (cmd) => execSync(cmd, { stdio: 'inherit' });
const newer = (a, b) => existsSync(a) && existsSync(b) && statSync(a).mtimeMs > statSync(b).mtimeMs;

if (
	!existsSync('node_modules/.package-lock.json') ||
	newer('package-lock.json', 'node_modules/.package-lock.json')
)
	sh('npm ci --no-audit --no-fund');
if (existsSync('server/main.ts')) {
	if (!existsSync('build/index.html') || process.env.JXC_REBUILD) sh('npx vite build');
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], {
		stdio: 'inherit'
	});
	for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
	child.on('exit', (code) => process.exit(code ?? 0));
} else {
	// Until the relay exists, start runs the real domain core on a generated demo company.
	sh('npx tsx src/cli/main.ts demo --size small --out data/demo-small.jsonl');
	sh('npx tsx src/cli/main.ts replay data/demo-small.jsonl --summary');
}
