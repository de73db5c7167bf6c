import Koa from 'koa'
import Koa2 from 'koa2'

import { startKoa } from './apps/koa'
import { describeMatrix } from './support/matrix'

describeMatrix('@fly-session/koa', 'Koa', { 2: startKoa(Koa2), 3: startKoa(Koa) })
