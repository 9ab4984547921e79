import { fileURLToPath } from 'node:url';
import { setWasmDirectory } from '../formats/wasm.js';
import { run } from './main.js';

// The bundle ships the WebAssembly grammars beside itself in dist/wasm/.
setWasmDirectory(fileURLToPath(new URL('./wasm', import.meta.url)));
await run();
