// koa-redis 4 ships no types; the bench only hands its store to koa-session and quits it.
declare module 'koa-redis'
