// The previous majors are installed under aliases; their types are the current majors' (close
// enough for the few calls the test apps make, which both majors share).
declare module 'express4' {
  import express from 'express'
  export default express
}

declare module 'koa2' {
  import Koa from 'koa'
  export default Koa
}
