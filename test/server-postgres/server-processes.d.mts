export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function startServerProcess(config: Record<string, unknown>, faults?: string[]): Promise<ServerProcess>;

export function removeBundle(): Promise<void>;
