import { writeFileSync } from 'node:fs';
import { renderEventCatalogue } from '../src/lib/domain/catalogue-doc';

writeFileSync('docs/EVENTS.md', renderEventCatalogue());
console.log('docs/EVENTS.md written');
