// Tests of the walk wait for its helpers through this: the test helper modules announce each job they have been
// through on a channel every thread of the process hears, and a walking thread blocked in `onEntry` reads it.
import { BroadcastChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export const HELPER_JOBS = 'shipshape-test-walk-helper-jobs';

/** A bound for a machine so busy that a helper thread takes a minute to start: past it the test fails. */
const PATIENCE_MS = 60_000;

export class HelperJobs {
  private readonly channel = new BroadcastChannel(HELPER_JOBS);
  private newest = 0;

  /**
   * Blocks this thread until a helper has been through a job newer than any seen before: a walk that waits here
   * right after it started its helpers then finds every part it offered taken by one.
   */
  waitForNextJob(): void {
    const until = Date.now() + PATIENCE_MS;
    for (;;) {
      for (let received = this.receive(); received; received = this.receive()) {
        const job = received.message as number;
        if (job > this.newest) {
          this.newest = job;
          return;
        }
      }
      if (Date.now() > until) throw new Error(`no helper went through a job within ${PATIENCE_MS / 1000} s`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }

  /** Node reads a BroadcastChannel's queue here too (since 15.12); its types know only MessagePort. */
  private receive(): { message: unknown } | undefined {
    return receiveMessageOnPort(this.channel as unknown as MessagePort);
  }

  close(): void {
    this.channel.close();
  }
}
