// @ts-check
// The one JavaScript description of Waymark's message protocol: its version
// and the name of every message kind. The content script, background.js and
// panel.js import their names from here; `cargo xtask dist` links all three
// with esbuild, which fails on an import this module does not export, so a
// renamed or misspelt kind fails the build instead of a user, and
// crate/core/tests/protocol_js.rs fails when this list and the engine's
// serde kinds (or the version) disagree. The shapes
// themselves are defined (and checked) once, by the engine:
// crate/core/src/protocol.rs and ARCHITECTURE.md "Message protocol".

/** Every message carries `{waymark: PROTOCOL_VERSION, kind}`. */
export const PROTOCOL_VERSION = 1;

// Content script -> engine.
export const HELLO = 'hello';
export const BYE = 'bye';
export const OBSERVED = 'observed';
export const CLICKED = 'clicked';
export const PAINT_STATUS = 'paint-status';

// Engine -> content script.
export const WATCH = 'watch';
export const PAINT = 'paint';

// Background -> content script: the "focus the callout" keyboard command.
export const FOCUS_CALLOUT = 'focus-callout';

// Panel -> engine (BACK and SKIP also from the callout, relayed by the background).
export const GET_STATE = 'get-state';
export const START = 'start';
export const BACK = 'back';
export const SKIP = 'skip';
export const RESTART = 'restart';
export const STOP = 'stop';
export const RECHECK_ROLE = 'recheck-role';
export const CHOOSE_ROUTE = 'choose-route';
export const GET_HELP = 'get-help';
export const OPEN_CODE = 'open-code';
export const START_SHARED = 'start-shared';
export const SHARE = 'share';
export const RECORD_START = 'record-start';
export const RECORD_STOP = 'record-stop';
export const RECORD_EDIT = 'record-edit';
export const EXPORT = 'export';

// Engine -> panel.
export const STATE = 'state';
export const ERROR = 'error';
export const OUTPUT = 'output';

/** The port name the panel connects with (`runtime.connect`). */
export const PANEL_PORT = 'panel';
