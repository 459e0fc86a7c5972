// Minimal declarations of the two Lua packages the health-script tests use (neither ships types).
declare module 'fengari' {
  export const lua: any;
  export const lauxlib: any;
  export const lualib: any;
  export function to_luastring(text: string): Uint8Array;
  export function to_jsstring(bytes: Uint8Array): string;
}
declare module 'luaparse' {
  export function parse(code: string, options?: { luaVersion?: '5.1' | '5.2' | '5.3' | 'LuaJIT'; comments?: boolean }): unknown;
}
