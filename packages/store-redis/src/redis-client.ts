/**
 * The part of an ioredis client the store uses. Both `Redis` and `Cluster` of ioredis 5 and 6
 * satisfy it; a structural type keeps the store free of any one ioredis version's classes.
 */
export interface RedisClient {
  /** Reads a session (its only direct command). */
  hgetall(key: string): Promise<Record<string, string>>
  /** Registers the store's scripts; every write goes through one of them. */
  defineCommand(name: string, definition: { lua: string; numberOfKeys?: number }): void
}

/** A Lua script over exactly one key, so it never spans two Cluster hash slots. */
export interface SingleKeyScript {
  /** The command name registered on the client; versioned so two store versions never clash. */
  name: string
  lua: string
}

type ScriptCall = (key: string, ...args: Array<string | number>) => Promise<unknown>

/**
 * Registers `scripts` with ioredis's `defineCommand` and returns a caller for them. ioredis sends
 * a script's body (EVAL) the first time on each connection and its SHA (EVALSHA) after that,
 * resending the body after a NOSCRIPT (a restarted or failed-over server), so each call is one
 * command on the wire, on a standalone server and on every Cluster node alike.
 */
export function registerScripts(client: RedisClient, scripts: readonly SingleKeyScript[]) {
  for (const script of scripts) client.defineCommand(script.name, { lua: script.lua, numberOfKeys: 1 })
  return (script: SingleKeyScript, key: string, args: Array<string | number>): Promise<unknown> => {
    const call = Reflect.get(client, script.name) as ScriptCall
    return call.call(client, key, ...args)
  }
}

/** Runs one of the registered scripts. */
export type RunScript = ReturnType<typeof registerScripts>
