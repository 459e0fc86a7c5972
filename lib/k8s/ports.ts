/** A TCP port as the API server accepts it in a containerPort, hostPort or Service port (1-65535, validation.go IsValidPortNum). */
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** What is wrong with a port number, or undefined when it is one. */
export function portProblem(port: number): string | undefined {
  return Number.isInteger(port) && port >= MIN_PORT && port <= MAX_PORT ? undefined : `port ${port} is not a port from ${MIN_PORT} to ${MAX_PORT}`;
}
