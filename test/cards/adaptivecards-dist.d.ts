// The package's ESM build (its "main") cannot be loaded by Node; its UMD bundle can, but ships typings that
// are not a module. The bundle exports the same API as the typed ESM build.
declare module 'adaptivecards/dist/adaptivecards.js' {
  export * from 'adaptivecards';
}
