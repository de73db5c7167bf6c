import express from 'express'
import express4 from 'express4'

import { startExpress } from './apps/express'
import { describeMatrix } from './support/matrix'

describeMatrix('@fly-session/express', 'Express', { 4: startExpress(express4), 5: startExpress(express) })
