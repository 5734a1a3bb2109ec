// Entry point: start the node:http items server on PORT (loopback only, as in development).
import { createItemsServer } from "./server.js";

createItemsServer().listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
