/** The worker side of `forkWorker`: answers IPC commands with handler results. */
export type Handlers = Record<string, (args: never) => Promise<unknown> | unknown>;

export function serveCommands(handlers: Handlers): void {
  process.on('message', async (msg: { id: number; cmd: string; args: unknown }) => {
    try {
      const handler = handlers[msg.cmd];
      if (!handler) throw new Error(`unknown command ${msg.cmd}`);
      process.send!({ re: msg.id, ok: (await handler(msg.args as never)) ?? null });
    } catch (error) {
      process.send!({ re: msg.id, error: (error as Error).stack ?? String(error) });
    }
  });
  // The parent going away ends the worker: no orphaned load generators.
  process.on('disconnect', () => process.exit(0));
}
