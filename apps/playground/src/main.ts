// `pnpm start`: the playground from source, until Ctrl-C.
import { optionsFromEnv } from './config'
import { startPlayground } from './playground'

try {
  const playground = await startPlayground(optionsFromEnv(process.env))
  const stop = async () => {
    console.log('\nstopping the playground')
    await playground.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  console.error(`The playground could not start: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
}
