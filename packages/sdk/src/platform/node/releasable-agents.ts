import type { Agent } from 'node:http';
import type { Socket } from 'node:net';

/**
 * HTTP(S) agents for the OTLP exporter whose sockets can be let go. A request to a receiver that
 * never answers keeps the process alive until the exporter's own timeout (up to the interval); once
 * `shutdown()` has given up on it at `shutdownTimeout`, `release()` unrefs every socket (and every
 * socket made later, by a retry), so the request no longer holds a process that has nothing else
 * to do. Nothing is cut: a process that keeps running still gets the answer.
 */
export class ReleasableAgents {
  private released = false;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** The exporter's wait before a retry: let go like the sockets, so a retry due later cannot hold the process either. */
  readonly wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      if (this.released) timer.unref();
      else this.timers.add(timer);
    });

  /** For OTel's `httpAgentOptions`: a keep-alive agent per protocol, as OTel's default factory makes. */
  readonly factory = async (protocol: string): Promise<Agent> => {
    // Loaded here, not at the top: OTel asks factories not to load http before instrumentations can patch it.
    const module = protocol === 'https:' ? await import('node:https') : await import('node:http');
    const agent = new module.Agent({ keepAlive: true }) as Agent & { createConnection: (...args: unknown[]) => Socket };
    const create = agent.createConnection.bind(agent);
    agent.createConnection = (...args: unknown[]): Socket => {
      const socket = create(...args);
      this.track(socket);
      return socket;
    };
    return agent;
  };

  release(): void {
    this.released = true;
    for (const socket of this.sockets) socket.unref();
    for (const timer of this.timers) timer.unref();
  }

  private track(socket: Socket): void {
    if (this.released) socket.unref();
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
