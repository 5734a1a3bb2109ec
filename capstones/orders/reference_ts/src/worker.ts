// The payment worker: takes due jobs from the outbox table, charges, retries with backoff, stops cleanly.
import { Pool } from "pg";
import { inTransaction } from "./db";

const POLL_MS = 50;
const MAX_ATTEMPTS = 5;
const BASE_DELAY_S = 0.2;
const TIMEOUT_MS = 2000;

// Exponential backoff with equal jitter: half the doubled delay is fixed, half random.
export function backoffSeconds(attempts: number): number {
  const ceiling = BASE_DELAY_S * 2 ** (attempts - 1);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

type Charge = { chargeId?: string; declined?: boolean };

async function charge(baseUrl: string, orderId: string, amountCents: number): Promise<Charge> {
  try {
    const response = await fetch(`${baseUrl}/charges`, {
      method: "POST",
      // One key per order, not per attempt: a retry after a timeout must not charge twice.
      headers: { "Content-Type": "application/json", "Idempotency-Key": `order-${orderId}` },
      body: JSON.stringify({ order_id: orderId, amount_cents: amountCents }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 200 || response.status === 201) return { chargeId: String((await response.json()).id) };
    const transient = response.status === 408 || response.status === 429 || response.status >= 500;
    return transient ? {} : { declined: true };
  } catch {
    return {}; // refused, reset or timed out: worth another try
  }
}

export class PaymentWorker {
  private stopping = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly paymentUrl: string,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  // Resolves once the job in hand is finished and recorded.
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const worked = await this.processOne().catch((error) => {
        console.error(error);
        return false;
      });
      if (!worked) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private processOne(): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // SKIP LOCKED: a second worker takes the next job instead of waiting for this one.
      const { rows } = await client.query(
        `SELECT j.order_id, j.attempts, o.amount_cents FROM payment_jobs j JOIN orders o ON o.id = j.order_id
         WHERE NOT j.done AND j.available_at <= now() ORDER BY j.available_at LIMIT 1 FOR UPDATE OF j SKIP LOCKED`,
      );
      if (rows.length === 0) return false;
      const job = rows[0];
      const result = await charge(this.paymentUrl, job.order_id, Number(job.amount_cents));
      const attempts = job.attempts + 1;
      if (result.chargeId !== undefined) {
        await client.query("UPDATE orders SET status = 'paid', payment_id = $1 WHERE id = $2", [result.chargeId, job.order_id]);
        await client.query("UPDATE payment_jobs SET done = true, attempts = $1 WHERE order_id = $2", [attempts, job.order_id]);
      } else if (!result.declined && attempts < MAX_ATTEMPTS) {
        // clock_timestamp(), not now(): now() is when this transaction began, before the call.
        await client.query(
          "UPDATE payment_jobs SET attempts = $1, available_at = clock_timestamp() + make_interval(secs => $2) WHERE order_id = $3",
          [attempts, backoffSeconds(attempts), job.order_id],
        );
      } else {
        await client.query("UPDATE orders SET status = 'payment_failed' WHERE id = $1", [job.order_id]);
        await client.query("UPDATE payment_jobs SET done = true, attempts = $1 WHERE order_id = $2", [attempts, job.order_id]);
      }
      return true;
    });
  }
}
