/**
 * Resolves in a task of its own, after the browser has had the chance to handle input and paint: the start of the
 * app yields with it between its steps (evaluating the code, starting the app, drawing the shell, opening the page),
 * so that a phone runs several short tasks instead of one long one that would keep it from responding. A timer, not
 * a microtask: promises resolve within the same task.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

/**
 * For a route's `loadComponent`: hands the page's component to the router in a task after the one in which its code
 * was evaluated, so that evaluating a page's code and opening the page are two tasks, not one.
 */
export function inNextTask<T>(value: T): Promise<T> {
  return nextTask().then(() => value);
}
