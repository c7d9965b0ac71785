import { storeContractSuite } from './contract';
import { MemoryStore } from './memory';

storeContractSuite('memory', () => ({ store: new MemoryStore() }));
