/**
 * Two Lua judges for Argo CD health scripts, each sandboxed as Argo CD runs an argocd-cm script (argo-cd 37ee009
 * util/lua/lua.go runLuaWithResourceActionParameters: gopher-lua, Lua 5.1, `SkipOpenLibs`, then only the package,
 * base and table libraries and a safe os with `time` and `date`, util/lua/oslib_safe.go; the live object as the
 * global `obj`; ExecuteHealthLua: a returned table is the health, nil an empty status, anything else an error,
 * a status outside Healthy/Progressing/Degraded/Suspended/Missing/Unknown is Unknown):
 *
 * - fengari (Lua 5.3 in JavaScript, in-process): the 5.3-only base functions are removed, integral numbers are
 *   pushed as integers (gopher-lua prints 3, Lua 5.3 prints a float as 3.0), and luaparse in 5.1 mode rejects
 *   syntax 5.1 does not have (`//`, bitwise operators, goto) before fengari runs the script;
 * - Debian's `lua5.1` (the language gopher-lua implements), through a setfenv sandbox of the same libraries.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lauxlib, lua, lualib, to_jsstring, to_luastring } from 'fengari';
import { parse } from 'luaparse';

/** What Argo CD makes of a script's result (health.HealthStatus). */
export interface Health {
  readonly status: string;
  readonly message?: string;
}

const VALID = new Set(['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown']);

/** Throws when the script is not Lua 5.1 (a syntax fengari's 5.3 would accept and gopher-lua would not). */
export function assertLua51(script: string): void {
  parse(script, { luaVersion: '5.1' });
}

function push(L: any, value: unknown): void {
  if (value === null || value === undefined) lua.lua_pushnil(L);
  else if (typeof value === 'boolean') lua.lua_pushboolean(L, value);
  else if (typeof value === 'number') {
    if (Number.isInteger(value)) lua.lua_pushinteger(L, value);
    else lua.lua_pushnumber(L, value);
  } else if (typeof value === 'string') lua.lua_pushstring(L, to_luastring(value));
  else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, i) => {
      push(L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else {
    lua.lua_createtable(L, 0, 0);
    for (const [key, item] of Object.entries(value as object)) {
      push(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  }
}

function field(L: any, index: number, name: string): unknown {
  lua.lua_getfield(L, index, to_luastring(name));
  const type = lua.lua_type(L, -1);
  const value = type === lua.LUA_TSTRING ? to_jsstring(lua.lua_tostring(L, -1)) : type === lua.LUA_TNIL ? undefined : `<${to_jsstring(lua.lua_typename(L, type))}>`;
  lua.lua_pop(L, 1);
  return value;
}

function asHealth(status: unknown, message: unknown): Health {
  if (typeof status !== 'string' || !VALID.has(status)) return { status: 'Unknown', message: 'Lua returned an invalid health status' };
  return message === undefined ? { status } : { status, message: String(message) };
}

/** Runs a health script on an object in fengari, sandboxed as Argo CD does. */
export function runHealthFengari(script: string, object: unknown): Health {
  assertLua51(script);
  const L = lauxlib.luaL_newstate();
  lauxlib.luaL_requiref(L, to_luastring('_G'), lualib.luaopen_base, 1);
  lua.lua_pop(L, 1);
  lauxlib.luaL_requiref(L, to_luastring('table'), lualib.luaopen_table, 1);
  lua.lua_pop(L, 1);
  lauxlib.luaL_requiref(L, to_luastring('os'), lualib.luaopen_os, 1);
  for (const name of ['clock', 'difftime', 'execute', 'exit', 'getenv', 'remove', 'rename', 'setlocale', 'tmpname']) {
    lua.lua_pushnil(L);
    lua.lua_setfield(L, -2, to_luastring(name));
  }
  lua.lua_pop(L, 1);
  for (const name of ['rawlen', 'load', 'dofile', 'loadfile', 'utf8', 'coroutine', 'require']) {
    lua.lua_pushnil(L);
    lua.lua_setglobal(L, to_luastring(name));
  }
  push(L, object);
  lua.lua_setglobal(L, to_luastring('obj'));
  if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK) throw new Error(to_jsstring(lua.lua_tostring(L, -1)));
  if (lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) throw new Error(to_jsstring(lua.lua_tostring(L, -1)));
  const type = lua.lua_type(L, -1);
  if (type === lua.LUA_TNIL) return { status: '' };
  if (type !== lua.LUA_TTABLE) throw new Error(`the script returned a ${to_jsstring(lua.lua_typename(L, type))}, not a table`);
  return asHealth(field(L, -1, 'status'), field(L, -1, 'message'));
}

/** A Lua 5.1 literal of a JSON value. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return `"${[...value].map((c) => (/[\w .:/,-]/.test(c) ? c : `\\${c.charCodeAt(0)}`)).join('')}"`;
  if (Array.isArray(value)) return `{${value.map(literal).join(',')}}`;
  return `{${Object.entries(value as object).map(([k, v]) => `[${literal(k)}]=${literal(v)}`).join(',')}}`;
}

/** Whether Debian's lua5.1 is installed (`.ci/run` installs the package when it is absent). */
export function hasLua51(): boolean {
  return spawnSync('lua5.1', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** Runs a health script on an object in Debian's Lua 5.1.5, in a sandbox of the libraries Argo CD opens. */
export function runHealthLua51(script: string, object: unknown): Health {
  const runner = `
local env = { obj = ${literal(object)}, assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs, pcall = pcall,
  print = print, rawequal = rawequal, rawget = rawget, rawset = rawset, select = select, setmetatable = setmetatable, getmetatable = getmetatable,
  tonumber = tonumber, tostring = tostring, type = type, unpack = unpack, xpcall = xpcall, table = table, os = { time = os.time, date = os.date } }
local fn = assert(loadstring(io.read("*a")))
setfenv(fn, env)
-- without the string library there are no string methods either (gopher-lua sets the string metatable in OpenString)
getmetatable("").__index = nil
local result = fn()
if result == nil then io.write("nil") return end
if type(result) ~= "table" then io.write("type\\t" .. type(result)) return end
io.write("table\\t" .. tostring(result.status) .. "\\t" .. tostring(result.message))`;
  const out = execFileSync('lua5.1', ['-e', runner], { input: script, encoding: 'utf8' });
  if (out === 'nil') return { status: '' };
  const [kind, status, message] = out.split('\t');
  if (kind !== 'table') throw new Error(`the script returned a ${status}, not a table`);
  return asHealth(status === 'nil' ? undefined : status, message === 'nil' ? undefined : message);
}
