import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const forbiddenInDomain = [
	{ group: ['svelte', 'svelte/*'], message: 'src/lib/domain is framework-free: no svelte.' },
	{
		group: ['$app/*', '$lib/sync/*', '$lib/projections/*', '$lib/ui/*'],
		message: 'src/lib/domain must not reach outwards.'
	},
	{ group: ['yjs', 'y-*', 'lib0', 'lib0/*'], message: 'src/lib/domain is pure: no Yjs.' },
	{ group: ['dexie'], message: 'src/lib/domain is pure: no Dexie.' }
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench/.cache/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/require-await': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/ban-ts-comment': 'error'
		}
	},
	{
		files: ['src/lib/domain/**/*.ts'],
		languageOptions: {
			// The domain runs in Node, the browser and the relay alike: no DOM, no Node globals.
			globals: { ...globals.es2022 }
		},
		rules: {
			'no-restricted-imports': ['error', { patterns: forbiddenInDomain }],
			'no-restricted-globals': [
				'error',
				'window',
				'document',
				'navigator',
				'localStorage',
				'indexedDB',
				'fetch',
				'process',
				'Buffer'
			]
		}
	},
	{ files: ['**/*.js', '**/*.mjs'], ...ts.configs.disableTypeChecked }
);
