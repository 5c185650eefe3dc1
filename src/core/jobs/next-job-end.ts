import type { EventBus } from '../event-bus';

/**
 * Resolves when a job of this process ends (done or failed) or after `ms`, whichever is first: a
 * batch waiting for its last job learns at once that the queue is empty, instead of at its next poll.
 */
export function nextJobEnd(events: EventBus, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const end = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(end, ms);
    const unsubscribe = events.subscribe((event, payload) => {
      if (event === 'job.changed' && (payload as { state: string }).state !== 'leased') end();
    });
  });
}
