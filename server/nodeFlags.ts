/**
 * V8 flags the server runs with wherever it starts: `npm start`, the container image, the
 * e2e servers and bench/. One thread collects garbage: on the one or two cores a BFF pod gets,
 * V8's helper threads for parallel scavenges and concurrent marking cost more in hand-offs and
 * contention than they save, and they spend a pod's CPU quota. Measured with two BFFs side by
 * side on a 5,000-line Loki answer: 3–15 ms less per answer (decision 0010).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];

/** node's arguments for the server from its TypeScript sources, as `npm start` runs it. */
export function serverNodeArgs(main = 'server/main.ts'): string[] {
  return [...SERVER_NODE_FLAGS, '--import', 'tsx', main];
}
