// For the type check (tsconfig.json): esbuild imports a .css file as its
// minified text (tests/build/content.mjs).
declare module '*.css' {
  const text: string;
  export default text;
}
