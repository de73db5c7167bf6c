import { startFastify } from './apps/fastify'
import { describeMatrix } from './support/matrix'

describeMatrix('@fly-session/fastify', 'Fastify', { 5: startFastify })
