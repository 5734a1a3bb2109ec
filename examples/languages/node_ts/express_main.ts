// Entry point: start the Express items server on PORT (loopback only, as in development).
import { createApp } from "./express_app.js";

createApp().listen(Number(process.env.PORT ?? 3000), "127.0.0.1");
