/** What `promise` gives, or `otherwise` where it has not come within `ms`: a wait that always ends (its timer keeps no process alive). */
export function waitAtMost<T, U>(ms: number, promise: Promise<T>, otherwise: U): Promise<T | U> {
  return Promise.race([promise, new Promise<U>((resolve) => setTimeout(resolve, ms, otherwise).unref())]);
}
