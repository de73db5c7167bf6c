import { startOnNode } from './apps/node-web'
import { buildHonoApp, buildWithSessionApp } from './apps/web'
import { describeMatrix } from './support/matrix'

describeMatrix('@fly-session/fetch', 'Node 20', {
  withSession: startOnNode(buildWithSessionApp),
  '+ Hono 4 middleware': startOnNode(buildHonoApp),
})
