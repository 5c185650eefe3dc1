/**
 * Runs a sync every `intervalMs`, and at once when the network comes back. Never two runs at a
 * time: a trigger during a run asks for one more run after it.
 */
export class SyncScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly runOnce: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.trigger(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  /** The OS says the network is back. */
  networkBack(): Promise<void> {
    return this.trigger();
  }

  trigger(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.runOnce();
        } catch (e) {
          this.onError(e);
        }
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }
}
