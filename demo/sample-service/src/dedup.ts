import Connection from './shared/connection';
import { FINISH_JOB } from './shared/scripts';

// Both the client (a subclass of Redis, from another file) and the script (from another module) are followed.
export async function finishJob(jobId: string): Promise<unknown> {
  return Connection.defaultClient.eval(FINISH_JOB, 1, `job:${jobId}`, 'dedup:', jobId);
}

export async function purgeFinished(): Promise<number> {
  const keys = await Connection.defaultClient.keys('job:finished:*');
  return keys.length ? Connection.defaultClient.unlink(...keys) : 0;
}
