// A k6 load test: an open-model scenario with thresholds that fail the run in CI.
// --8<-- [start:script]
import http from "k6/http";
import { check } from "k6";

export const options = {
  scenarios: {
    steady: {
      executor: "constant-arrival-rate", // open model: a fixed rate of new iterations
      rate: 200,
      timeUnit: "1s",
      duration: "2m",
      preAllocatedVUs: 50,
      maxVUs: 200,
    },
  },
  thresholds: {
    // Latency of the successful responses only: a fast 503 must not make the tail look better.
    "http_req_duration{expected_response:true}": ["p(95)<200", "p(99)<500"], // milliseconds
    http_req_failed: ["rate<0.001"], // any status outside 200-399, or no response at all
    // An arrival-rate test that runs out of VUs skips iterations instead of sending them late: fail the run.
    dropped_iterations: ["count<1"],
  },
};

export default function () {
  const response = http.get(`${__ENV.BASE_URL}/articles/1`, { headers: { Accept: "application/json" } });
  check(response, { "status is 200": (r) => r.status === 200 });
}
// --8<-- [end:script]
