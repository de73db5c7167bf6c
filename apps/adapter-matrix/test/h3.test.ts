import { startH3v1, startH3v2 } from './apps/h3'
import { describeMatrix } from './support/matrix'

describeMatrix('@fly-session/h3', 'h3', { '1.15': startH3v1, 2: startH3v2 })
