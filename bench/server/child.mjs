// The server process of the fan-out bench: loads the bundled `serve.ts` (its path is the argument)
// and starts it. Started by `server.mjs` through a shell that raises the file-descriptor limit.
import { pathToFileURL } from 'node:url';

const serve = await import(pathToFileURL(process.argv[2]).href);
// The server's limits, as JSON, when the bench sets any.
await serve.main(process.argv[3] ? JSON.parse(process.argv[3]) : {});
